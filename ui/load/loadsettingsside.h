#pragma once

#include "server/load/loadplan.h"

#include <QSet>
#include <QString>
#include <QStringList>
#include <QWidget>

class QAction;
class QLayout;
class QComboBox;
class QLabel;
class QPushButton;
class QTabWidget;
class QTableView;
class QTimer;
class QToolButton;

namespace tollgate::ui {

class LoadKeyPoolModel;
class LoadMixModel;
class LoadSettingsForm;
class LoadThresholdsEditor;
class SecretStore;
class ServerController;
class WorkspaceDocument;

/// The settings side of the Load page: what the next run is asked to do.
/// The form (target, model, numbers), then a tab each for the weighted route
/// mix, the key pool (with the header keys go in) and the run's pass/fail
/// thresholds; the problems that keep a run from starting, and the Start and
/// Stop buttons (for the page's actions). The settings are remembered per
/// workspace (LoadPageState) a moment after each edit.
class LoadSettingsSide final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoadSettingsSide)

public:
    enum ListTab { MixTab, KeysTab, ThresholdsTab };

    /// startAction and stopAction are the page's; the buttons trigger them
    /// and follow their enabled state.
    LoadSettingsSide(WorkspaceDocument* document, ServerController* server, SecretStore* secrets,
        QAction* startAction, QAction* stopAction, QWidget* parent = nullptr);
    ~LoadSettingsSide() override;

    LoadSettingsForm* form() const { return m_form; }
    LoadMixModel* mixModel() const { return m_mix; }
    LoadKeyPoolModel* keyModel() const { return m_keys; }
    LoadThresholdsEditor* thresholdsEditor() const { return m_thresholds; }
    /// The tabs of the route mix, the key pool and the thresholds (ListTab).
    QTabWidget* listTabs() const { return m_lists; }
    QTableView* mixView() const { return m_mixView; }
    QComboBox* keyHeaderCombo() const { return m_keyHeader; }
    QLabel* problemLabel() const { return m_problemLabel; }

    /// What a run would be asked to do now: the form, the checked mix
    /// entries, the checked keys with their secrets, the key header, the
    /// thresholds.
    server::LoadSettings currentSettings() const;
    /// Shows settings (of a saved run, say): form, mix (entries not in it
    /// are unchecked), key choices by key id, key header, thresholds.
    void applySettings(const server::LoadSettings& settings);

    /// The problems found in settings, as validateLoadSettings says them.
    static QStringList problemsWith(const server::LoadSettings& settings);
    /// Shows problems under the settings (none: hides them). While some
    /// are shown and no run goes, they are checked again after each edit.
    void showProblems(const QStringList& problems);
    QStringList problems() const { return m_problems; }

    /// A run goes: problems are not checked again until it ends.
    void setRunning(bool running);

    /// A workspace was opened (or is open when the page is made): its
    /// routes, keys and remembered settings. The previous workspace's
    /// settings are remembered first.
    void workspaceOpened();
    /// Follows the embedded server's address and state.
    void refreshServer();
    /// Rebuilds the key pool from the document's keys and the secrets held.
    void refreshKeys();
    /// Writes the settings as the workspace's last used ones now.
    void rememberSettings();
    /// Routes made on the Routes page since the mix was set up join it,
    /// checked when enabled; ones the user took out stay out.
    void offerNewRoutes();

    /// Makes a key for every tier that has none in the pool, through the
    /// document (one undo step), keeps the secrets in the SecretStore and
    /// puts the keys in the pool. Returns how many were made.
    int createTestKeys();

Q_SIGNALS:
    /// The form, the mix, the key pool or the key header changed.
    void edited();
    /// A line for the status bar.
    void message(const QString& text);

protected:
    void changeEvent(QEvent* event) override;

private:
    /// The mix table and its tool buttons; returns the row above the table.
    QLayout* buildMix();
    /// The key pool table, its hint and the key header; returns the row
    /// under the table.
    QLayout* buildKeys();
    void onEdited();
    void revalidate();
    void restoreSettings();
    /// The mix is these rows, then the workspace's other routes unchecked.
    void showMix(const std::vector<server::LoadTarget>& targets, const std::vector<bool>& enabled);
    void selectKeyHeader(const std::string& header);
    void editMixRow(int row);
    /// The tabs' titles: how many entries, keys and thresholds a run gets.
    void updateTabTitles();
    void updateButtons();
    void updateKeyHint();
    /// WebSocket runs: which entries of the mix open sessions.
    void updateMixHint();
    /// WebSocket runs: drops the entries that cannot open a session (not a
    /// GET; on the embedded server, not one of its WebSocket routes).
    void keepSessionTargets(std::vector<server::LoadTarget>* targets) const;
    void applyProblemPalette();

    WorkspaceDocument* m_document;
    ServerController* m_server;
    SecretStore* m_secrets;
    QAction* m_startAction;
    QAction* m_stopAction;
    LoadMixModel* m_mix;
    LoadKeyPoolModel* m_keys;
    QTimer* m_rememberTimer;
    QTimer* m_validateTimer;

    bool m_running = false;
    QStringList m_problems;
    QString m_workspaceDir; // the directory the remembered settings belong to
    /// "METHOD path" of the routes the mix has been offered, so a route the
    /// user took out of the mix is not offered again.
    QSet<QString> m_seenRoutes;

    LoadSettingsForm* m_form = nullptr;
    LoadThresholdsEditor* m_thresholds = nullptr;
    QTabWidget* m_lists = nullptr;
    QTableView* m_mixView = nullptr;
    QTableView* m_keyView = nullptr;
    QComboBox* m_keyHeader = nullptr;
    QToolButton* m_testKeysButton = nullptr;
    QToolButton* m_mixEditButton = nullptr;
    QToolButton* m_mixRemoveButton = nullptr;
    QLabel* m_keyHint = nullptr;
    QLabel* m_mixHint = nullptr;
    QLabel* m_problemLabel = nullptr;
    QPushButton* m_startButton = nullptr;
    QPushButton* m_stopButton = nullptr;
};

} // namespace tollgate::ui
