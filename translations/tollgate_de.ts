<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>tollgate::ui::Application</name>
    <message>
        <location filename="../ui/application.cpp" line="+69"/>
        <source>Design, serve and test HTTP APIs before the real service exists.</source>
        <translation>HTTP-APIs entwerfen, bereitstellen und testen, bevor es den echten Dienst gibt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open the workspace in &lt;dir&gt;.</source>
        <translation>Den Arbeitsbereich in &lt;dir&gt; öffnen.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>dir</source>
        <translation>dir</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use the &lt;theme&gt; look: system, light or dark.</source>
        <translation>Das Erscheinungsbild &lt;theme&gt; verwenden: system, light oder dark.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>theme</source>
        <translation>theme</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save a PNG of the window to &lt;file&gt; and quit.</source>
        <translation>Ein PNG des Fensters in &lt;file&gt; speichern und beenden.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Print start-up time and idle memory, then quit.</source>
        <translation>Startzeit und Speicherbedarf im Leerlauf ausgeben, dann beenden.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>file</source>
        <translation>file</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Tollgate</source>
        <translation>Tollgate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The demo workspace could not be installed:
%1</source>
        <translation>Der Demo-Arbeitsbereich konnte nicht installiert werden:
%1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Cannot create %1.</source>
        <translation>%1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Cannot write %1.</source>
        <translation>%1 kann nicht geschrieben werden.</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::BodyEditor</name>
    <message>
        <location filename="../ui/bodyeditor.cpp" line="+62"/>
        <source>Response body. Mustache tags like {{request.params.id}} are rendered per request.</source>
        <translation>Antwort-Body. Mustache-Tags wie {{request.params.id}} werden bei jeder Anfrage ausgewertet.</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Invalid JSON at line %1, column %2: %3</source>
        <translation>Ungültiges JSON in Zeile %1, Spalte %2: %3</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::HeaderTableModel</name>
    <message>
        <location filename="../ui/headertablemodel.cpp" line="+53"/>
        <source>Not a valid header name</source>
        <translation>Kein gültiger Header-Name</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Header</source>
        <translation>Header</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::MainWindow</name>
    <message>
        <location filename="../ui/mainwindow.cpp" line="+129"/>
        <source>Could not save: %1</source>
        <translation>Speichern fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The workspace changed on disk and was reloaded; your last unsaved edit was replaced.</source>
        <translation>Der Arbeitsbereich wurde auf der Festplatte geändert und neu geladen; Ihre letzte ungespeicherte Änderung wurde ersetzt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The workspace changed on disk and was reloaded.</source>
        <translation>Der Arbeitsbereich wurde auf der Festplatte geändert und neu geladen.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>&amp;New Workspace…</source>
        <translation>&amp;Neuer Arbeitsbereich …</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Open Workspace…</source>
        <translation>Arbeitsbereich ö&amp;ffnen …</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Write the workspace now (it is also saved automatically)</source>
        <translation>Den Arbeitsbereich jetzt schreiben (er wird auch automatisch gespeichert)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Reveal Workspace Folder</source>
        <translation>Arbeitsbereich-Ordner &amp;anzeigen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Copy Workspace &amp;Path</source>
        <translation>Arbeitsbereich-&amp;Pfad kopieren</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;New Route</source>
        <translation>&amp;Neue Route</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create a route (Ctrl+N)</source>
        <translation>Eine Route anlegen (Strg+N)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Duplicate Route</source>
        <translation>Route &amp;duplizieren</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Duplicate</source>
        <translation>Duplizieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duplicate the selected route (Ctrl+D)</source>
        <translation>Die ausgewählte Route duplizieren (Strg+D)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>De&amp;lete Route</source>
        <translation>Route &amp;löschen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the selected route (Del)</source>
        <translation>Die ausgewählte Route löschen (Entf)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;About Tollgate</source>
        <translation>Ü&amp;ber Tollgate</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Server</source>
        <translation>&amp;Server</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Theme</source>
        <translation>&amp;Design</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;System</source>
        <translation>&amp;System</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>T&amp;raffic Log</source>
        <translation>&amp;Anfrageprotokoll</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Problems</source>
        <translation>&amp;Probleme</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Filter routes</source>
        <translation>Routen filtern</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>On</source>
        <translation>An</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Routes</source>
        <translation>Routen</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Traffic Log</source>
        <translation>Anfrageprotokoll</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+384"/>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
    <message>
        <location line="-319"/>
        <source>Unsaved Changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The workspace could not be saved:
%1

Quit anyway and lose the changes?</source>
        <translation>Der Arbeitsbereich konnte nicht gespeichert werden:
%1

Trotzdem beenden und die Änderungen verwerfen?</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+21"/>
        <location line="+52"/>
        <source>Open Workspace</source>
        <translation>Arbeitsbereich öffnen</translation>
    </message>
    <message>
        <location line="-72"/>
        <source>The folder %1 does not exist.</source>
        <translation>Der Ordner %1 existiert nicht.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Not a Workspace</source>
        <translation>Kein Arbeitsbereich</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is not a Tollgate workspace (it has no tollgate.json).

Create a new workspace in this folder?</source>
        <translation>%1 ist kein Tollgate-Arbeitsbereich (es gibt keine tollgate.json).

In diesem Ordner einen neuen Arbeitsbereich anlegen?</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cannot open %1:
%2</source>
        <translation>%1 kann nicht geöffnet werden:
%2</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>Opened %1 with %n problem(s); the rest loaded.</source>
        <translation>
            <numerusform>%1 mit %n Problem geöffnet; der Rest wurde geladen.</numerusform>
            <numerusform>%1 mit %n Problemen geöffnet; der Rest wurde geladen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Opened %1</source>
        <translation>%1 geöffnet</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>New Workspace: Choose or Create an Empty Folder</source>
        <translation>Neuer Arbeitsbereich: leeren Ordner wählen oder anlegen</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+9"/>
        <source>New Workspace</source>
        <translation>Neuer Arbeitsbereich</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>%1 already holds a workspace. Open it instead?</source>
        <translation>In %1 liegt bereits ein Arbeitsbereich. Stattdessen diesen öffnen?</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot create a workspace in %1:
%2</source>
        <translation>In %1 kann kein Arbeitsbereich angelegt werden:
%2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Created workspace %1</source>
        <translation>Arbeitsbereich %1 angelegt</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>&amp;Clear List</source>
        <translation>Liste &amp;leeren</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+166"/>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <location line="-151"/>
        <source>Copied %1</source>
        <translation>%1 kopiert</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>New route</source>
        <translation>Neue Route</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Duplicate route</source>
        <translation>Route duplizieren</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Deleted %1. %2 undoes it.</source>
        <translation>%1 gelöscht. %2 macht es rückgängig.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>About Tollgate</source>
        <translation>Über Tollgate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;Tollgate %1&lt;/h3&gt;&lt;p&gt;A native workbench for designing, serving and testing HTTP APIs before the real service exists.&lt;/p&gt;&lt;p&gt;Built with Qt %2.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Tollgate %1&lt;/h3&gt;&lt;p&gt;Eine native Werkbank, um HTTP-APIs zu entwerfen, bereitzustellen und zu testen, bevor es den echten Dienst gibt.&lt;/p&gt;&lt;p&gt;Erstellt mit Qt %2.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Tollgate</source>
        <translation>Tollgate</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 — Tollgate</source>
        <translation>%1 — Tollgate</translation>
    </message>
    <message numerus="yes">
        <location line="+22"/>
        <source>%n route(s)</source>
        <translation>
            <numerusform>%n Route</numerusform>
            <numerusform>%n Routen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n route(s), %1 disabled</source>
        <translation>
            <numerusform>%n Route, %1 deaktiviert</numerusform>
            <numerusform>%n Routen, %1 deaktiviert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Serving :%1 · %Ln request(s)</source>
        <translation>
            <numerusform>Läuft auf :%1 · %Ln Anfrage</numerusform>
            <numerusform>Läuft auf :%1 · %Ln Anfragen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Server stopped</source>
        <translation>Server gestoppt</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Saved</source>
        <translation>Gespeichert</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n Problem</numerusform>
            <numerusform>%n Probleme</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Problems (%1)</source>
        <translation>Probleme (%1)</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::ProblemsView</name>
    <message>
        <location filename="../ui/problemsview.cpp" line="+27"/>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Location</source>
        <translation>Ort</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Found while</source>
        <translation>Gefunden beim</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>loading</source>
        <translation>Laden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>serving</source>
        <translation>Bereitstellen</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::ResponseEditor</name>
    <message>
        <location filename="../ui/responseeditor.cpp" line="+74"/>
        <source>HTTP status code of this response</source>
        <translation>HTTP-Statuscode dieser Antwort</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Change status</source>
        <translation>Status ändern</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. Success, Not found, Rate limited</source>
        <translation>z. B. Erfolg, Nicht gefunden, Limit erreicht</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rename response</source>
        <translation>Antwort umbenennen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Inline body (or a file path relative to the workspace)</source>
        <translation>Body im Editor (oder ein Dateipfad relativ zum Arbeitsbereich)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Change body file</source>
        <translation>Body-Datei ändern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Browse…</source>
        <translation>Durchsuchen …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Serve the body from a file in the workspace</source>
        <translation>Den Body aus einer Datei im Arbeitsbereich ausliefern</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Edit headers</source>
        <translation>Header bearbeiten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add a header</source>
        <translation>Einen Header hinzufügen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the selected headers</source>
        <translation>Die ausgewählten Header entfernen</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Edit body</source>
        <translation>Body bearbeiten</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>&amp;Label:</source>
        <translation>&amp;Bezeichnung:</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;Status:</source>
        <translation>&amp;Status:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Body &amp;file:</source>
        <translation>Body-&amp;Datei:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Headers</source>
        <translation>Header</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Body</source>
        <translation>Body</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>(non-standard)</source>
        <translation>(nicht standardisiert)</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The body is served from %1, which cannot be read: %2</source>
        <translation>Der Body wird aus %1 ausgeliefert, die nicht gelesen werden kann: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Served from %1 (read-only preview of the first MiB).</source>
        <translation>Ausgeliefert aus %1 (schreibgeschützte Vorschau des ersten MiB).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Served from %1 (read-only preview).</source>
        <translation>Ausgeliefert aus %1 (schreibgeschützte Vorschau).</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Body File</source>
        <translation>Body-Datei</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::RouteEditor</name>
    <message>
        <location filename="../ui/routeeditor.cpp" line="+81"/>
        <source>No route selected</source>
        <translation>Keine Route ausgewählt</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Select a route on the left, or create one.</source>
        <translation>Wählen Sie links eine Route aus oder legen Sie eine an.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New Route</source>
        <translation>Neue Route</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>HTTP method</source>
        <translation>HTTP-Methode</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Change method</source>
        <translation>Methode ändern</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Path template: literal segments, {name} parameters and a trailing *</source>
        <translation>Pfadvorlage: feste Segmente, {name}-Parameter und ein abschließendes *</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The path must start with &apos;/&apos;.</source>
        <translation>Der Pfad muss mit &apos;/&apos; beginnen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The path must not contain spaces (use %20).</source>
        <translation>Der Pfad darf keine Leerzeichen enthalten (verwenden Sie %20).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Change path</source>
        <translation>Pfad ändern</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&amp;Enabled</source>
        <translation>&amp;Aktiviert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Disabled routes are kept but not served</source>
        <translation>Deaktivierte Routen bleiben erhalten, werden aber nicht bedient</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enable route</source>
        <translation>Route aktivieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Disable route</source>
        <translation>Route deaktivieren</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>What this route is for (optional)</source>
        <translation>Wofür diese Route da ist (optional)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Edit description</source>
        <translation>Beschreibung bearbeiten</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Responses</source>
        <translation>Antworten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rules</source>
        <translation>Regeln</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Behaviour</source>
        <translation>Verhalten</translation>
    </message>
    <message>
        <location line="+28"/>
        <location line="+84"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location line="-84"/>
        <source>Add a response</source>
        <translation>Eine Antwort hinzufügen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Duplicate</source>
        <translation>Duplizieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duplicate this response</source>
        <translation>Diese Antwort duplizieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+85"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="-84"/>
        <source>Remove this response</source>
        <translation>Diese Antwort entfernen</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Rules, then default</source>
        <translation>Regeln, sonst Standard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Random</source>
        <translation>Zufällig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sequential (round robin)</source>
        <translation>Der Reihe nach (Round Robin)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Change response mode</source>
        <translation>Antwortmodus ändern</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Change default response</source>
        <translation>Standardantwort ändern</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Edit rules</source>
        <translation>Regeln bearbeiten</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Add a rule</source>
        <translation>Eine Regel hinzufügen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Remove the selected rule</source>
        <translation>Die ausgewählte Regel entfernen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Up</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Check this rule earlier</source>
        <translation>Diese Regel früher prüfen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Down</source>
        <translation>Runter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Check this rule later</source>
        <translation>Diese Regel später prüfen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Mode:</source>
        <translation>&amp;Modus:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Default response:</source>
        <translation>S&amp;tandardantwort:</translation>
    </message>
    <message>
        <location line="+30"/>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>same as minimum</source>
        <translation>wie Minimum</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+5"/>
        <source>Change latency</source>
        <translation>Latenz ändern</translation>
    </message>
    <message>
        <location line="+8"/>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Change failure rate</source>
        <translation>Fehlerrate ändern</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Change failure status</source>
        <translation>Fehlerstatus ändern</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reset the connection instead of answering</source>
        <translation>Die Verbindung zurücksetzen statt zu antworten</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Change failure mode</source>
        <translation>Fehlerart ändern</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> KiB</source>
        <translation> KiB</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Requests with a larger body are answered 413 before it is read</source>
        <translation>Anfragen mit größerem Body werden mit 413 beantwortet, bevor er gelesen wird</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Change body limit</source>
        <translation>Body-Limit ändern</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>M&amp;inimum:</source>
        <translation>M&amp;inimum:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>M&amp;aximum:</source>
        <translation>M&amp;aximum:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Each response waits a uniformly random time between minimum and maximum.</source>
        <translation>Jede Antwort wartet eine gleichverteilt zufällige Zeit zwischen Minimum und Maximum.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Failure injection</source>
        <translation>Fehlerinjektion</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Fail requests:</source>
        <translation>Anfragen &amp;fehlschlagen lassen:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failure s&amp;tatus:</source>
        <translation>Fehler&amp;status:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Limits</source>
        <translation>Grenzen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Request &amp;body limit:</source>
        <translation>&amp;Body-Limit der Anfrage:</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>Checked top to bottom: the first matching rule picks the response, otherwise the default response is sent.</source>
        <translation>Von oben nach unten geprüft: die erste passende Regel wählt die Antwort, sonst wird die Standardantwort gesendet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rules are not used in this mode: every response takes its turn.</source>
        <translation>In diesem Modus werden keine Regeln verwendet: jede Antwort kommt an die Reihe.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Response #%1</source>
        <translation>Antwort Nr. %1</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>%1 (copy)</source>
        <translation>%1 (Kopie)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Response %1</source>
        <translation>Antwort %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Duplicate response</source>
        <translation>Antwort duplizieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add response</source>
        <translation>Antwort hinzufügen</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Remove response</source>
        <translation>Antwort entfernen</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::RouteListModel</name>
    <message>
        <location filename="../ui/routelistmodel.cpp" line="+80"/>
        <source>Enable route</source>
        <translation>Route aktivieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Disable route</source>
        <translation>Route deaktivieren</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Change method</source>
        <translation>Methode ändern</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Change path</source>
        <translation>Pfad ändern</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>On</source>
        <translation>An</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Disabled routes are not served</source>
        <translation>Deaktivierte Routen werden nicht bedient</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::RuleTableModel</name>
    <message>
        <location filename="../ui/ruletablemodel.cpp" line="+46"/>
        <source>Path parameter</source>
        <translation>Pfadparameter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Query parameter</source>
        <translation>Query-Parameter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Header</source>
        <translation>Header</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Body (JSON pointer)</source>
        <translation>Body (JSON-Pointer)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>equals</source>
        <translation>ist gleich</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>matches regex</source>
        <translation>passt auf Regex</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>exists</source>
        <translation>existiert</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>A JSON pointer into the request body, e.g. /user/id</source>
        <translation>Ein JSON-Pointer in den Anfrage-Body, z. B. /user/id</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>#%1 (missing)</source>
        <translation>Nr. %1 (fehlt)</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Response</source>
        <translation>Antwort</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::ServerBar</name>
    <message>
        <location filename="../ui/serverbar.cpp" line="+74"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&amp;Start Server</source>
        <translation>Server &amp;starten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Start serving the workspace (F5)</source>
        <translation>Den Arbeitsbereich bereitstellen (F5)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>S&amp;top Server</source>
        <translation>Server s&amp;toppen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stop serving (Shift+F5)</source>
        <translation>Bereitstellung beenden (Umschalt+F5)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Copy Base URL</source>
        <translation>Basis-URL &amp;kopieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy URL</source>
        <translation>URL kopieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copy the server&apos;s base URL to the clipboard</source>
        <translation>Die Basis-URL des Servers in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Loopback (IPv4): only this machine</source>
        <translation>Loopback (IPv4): nur dieser Rechner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loopback (IPv6): only this machine</source>
        <translation>Loopback (IPv6): nur dieser Rechner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All interfaces: reachable from the network</source>
        <translation>Alle Schnittstellen: aus dem Netzwerk erreichbar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Address the server binds to</source>
        <translation>Adresse, an die sich der Server bindet</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>any</source>
        <translation>beliebig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TCP port; &quot;any&quot; lets the system pick a free one</source>
        <translation>TCP-Port; bei „beliebig“ wählt das System einen freien</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Expose the Server?</source>
        <translation>Server freigeben?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Binding to %1 makes the server reachable from other machines on your network.

Continue?</source>
        <translation>Mit der Bindung an %1 ist der Server von anderen Rechnern in Ihrem Netzwerk erreichbar.

Fortfahren?</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Change bind address</source>
        <translation>Bind-Adresse ändern</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Change port</source>
        <translation>Port ändern</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot start the server: %1</source>
        <translation>Der Server kann nicht gestartet werden: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Copied %1</source>
        <translation>%1 kopiert</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Serving on %1</source>
        <translation>Läuft auf %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Serving on %1 (reachable from the network)</source>
        <translation>Läuft auf %1 (aus dem Netzwerk erreichbar)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not serving: %1</source>
        <translation>Nicht aktiv: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stopped</source>
        <translation>Gestoppt</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::ServerController</name>
    <message>
        <location filename="../ui/servercontroller.cpp" line="+58"/>
        <source>Cannot start the server.</source>
        <translation>Der Server kann nicht gestartet werden.</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::TrafficLogModel</name>
    <message>
        <location filename="../ui/trafficlogmodel.cpp" line="+90"/>
        <location line="+30"/>
        <source>reset</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>%1 µs</source>
        <translation>%1 µs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The connection was reset instead of answered</source>
        <translation>Die Verbindung wurde zurückgesetzt statt beantwortet</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::TrafficLogView</name>
    <message>
        <location filename="../ui/trafficlogview.cpp" line="+37"/>
        <source>Filter by method, path or status</source>
        <translation>Nach Methode, Pfad oder Status filtern</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove every request from the log</source>
        <translation>Alle Anfragen aus dem Protokoll entfernen</translation>
    </message>
    <message numerus="yes">
        <location line="+89"/>
        <source>%n request(s)</source>
        <translation>
            <numerusform>%n Anfrage</numerusform>
            <numerusform>%n Anfragen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%1 of %n request(s)</source>
        <translation>
            <numerusform>%1 von %n Anfrage</numerusform>
            <numerusform>%1 von %n Anfragen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No requests yet. Start the server (F5) and send requests to its base URL to see them here.</source>
        <translation>Noch keine Anfragen. Starten Sie den Server (F5) und senden Sie Anfragen an seine Basis-URL, um sie hier zu sehen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No request matches the filter.</source>
        <translation>Keine Anfrage passt zum Filter.</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::WorkspaceDocument</name>
    <message>
        <location filename="../ui/workspacedocument.cpp" line="+79"/>
        <source>%1 is not a directory.</source>
        <translation>%1 ist kein Ordner.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 does not exist.</source>
        <translation>%1 existiert nicht.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Cannot create the folder %1.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <location line="+142"/>
        <source>Edit route</source>
        <translation>Route bearbeiten</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Delete %1 %2</source>
        <translation>%1 %2 löschen</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Success</source>
        <translation>Erfolg</translation>
    </message>
</context>
</TS>
