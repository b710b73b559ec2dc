<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>tollgate::ui::AuthEditor</name>
    <message numerus="yes">
        <location filename="../ui/requests/autheditor.cpp" line="+195"/>
        <source>%n active key(s) of this workspace cannot be picked: their secret was shown once when created and this app does not hold it.</source>
        <translation>
            <numerusform>%n active key of this workspace cannot be picked: its secret was shown once when created and this app does not hold it.</numerusform>
            <numerusform>%n active keys of this workspace cannot be picked: their secret was shown once when created and this app does not hold it.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tollgate::ui::ExportDialog</name>
    <message numerus="yes">
        <location filename="../ui/shell/exportdialog.cpp" line="+239"/>
        <location line="+9"/>
        <source>%n route(s)</source>
        <translation>
            <numerusform>%n route</numerusform>
            <numerusform>%n routes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>%n request(s) from the history</source>
        <translation>
            <numerusform>%n request from the history</numerusform>
            <numerusform>%n requests from the history</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n request(s) from the traffic log</source>
        <translation>
            <numerusform>%n request from the traffic log</numerusform>
            <numerusform>%n requests from the traffic log</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>Report: %n thing(s) the format cannot say as the workspace does</source>
        <translation>
            <numerusform>Report: %n thing the format cannot say as the workspace does</numerusform>
            <numerusform>Report: %n things the format cannot say as the workspace does</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+40"/>
        <source>Files to write into %1: %n file(s), %2</source>
        <translation>
            <numerusform>Files to write into %1: %n file, %2</numerusform>
            <numerusform>Files to write into %1: %n files, %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%1 is not empty: %n file(s) in it will be replaced. Whatever else it holds stays as it is.</source>
        <translation>
            <numerusform>%1 is not empty: %n file in it will be replaced. Whatever else it holds stays as it is.</numerusform>
            <numerusform>%1 is not empty: %n files in it will be replaced. Whatever else it holds stays as it is.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tollgate::ui::ImportDialog</name>
    <message numerus="yes">
        <location filename="../ui/shell/importdialog.cpp" line="+202"/>
        <source>%n new</source>
        <translation>
            <numerusform>%n new</numerusform>
            <numerusform>%n new</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%1, %n replaced</source>
        <translation>
            <numerusform>%1, %n replaced</numerusform>
            <numerusform>%1, %n replaced</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>Report: %n thing(s) not carried over as written</source>
        <translation>
            <numerusform>Report: %n thing not carried over as written</numerusform>
            <numerusform>Report: %n things not carried over as written</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>%n already in the workspace</source>
        <translation>
            <numerusform>%n already in the workspace</numerusform>
            <numerusform>%n already in the workspace</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+23"/>
        <source>%n route(s)</source>
        <translation>
            <numerusform>%n route</numerusform>
            <numerusform>%n routes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n saved request(s)</source>
        <translation>
            <numerusform>%n saved request</numerusform>
            <numerusform>%n saved requests</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n environment(s)</source>
        <translation>
            <numerusform>%n environment</numerusform>
            <numerusform>%n environments</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tollgate::ui::KeyActions</name>
    <message numerus="yes">
        <location filename="../ui/keys/keyactions.cpp" line="+174"/>
        <source>Revoked %n key(s); requests with them are refused from now on.</source>
        <translation>
            <numerusform>Revoked %n key; requests with it are refused from now on.</numerusform>
            <numerusform>Revoked %n keys; requests with them are refused from now on.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>Move %n key(s) to tier %1</source>
        <translation>
            <numerusform>Move %n key to tier %1</numerusform>
            <numerusform>Move %n keys to tier %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Moved %n key(s) to tier %1.</source>
        <translation>
            <numerusform>Moved %n key to tier %1.</numerusform>
            <numerusform>Moved %n keys to tier %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+47"/>
        <source>Revoke %n keys?</source>
        <translation>
            <numerusform>Revoke %n key?</numerusform>
            <numerusform>Revoke %n keys?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tollgate::ui::KeyListSection</name>
    <message numerus="yes">
        <location filename="../ui/keys/keylistsection.cpp" line="+240"/>
        <source>%n key(s)</source>
        <translation>
            <numerusform>%n key</numerusform>
            <numerusform>%n keys</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%1 of %n key(s)</source>
        <translation>
            <numerusform>%1 of %n key</numerusform>
            <numerusform>%1 of %n keys</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tollgate::ui::LoadRunListModel</name>
    <message numerus="yes">
        <location filename="../ui/load/loadrunlistmodel.cpp" line="+61"/>
        <source>closed · %n connection(s)</source>
        <translation>
            <numerusform>closed · %n connection</numerusform>
            <numerusform>closed · %n connections</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tollgate::ui::LoadRunsView</name>
    <message numerus="yes">
        <location filename="../ui/load/loadrunsview.cpp" line="+237"/>
        <source>Delete %n load run(s)?

Their files in .tollgate/loadruns are removed; this cannot be undone.</source>
        <translation>
            <numerusform>Delete %n load run?

Its file in .tollgate/loadruns is removed; this cannot be undone.</numerusform>
            <numerusform>Delete %n load runs?

Their files in .tollgate/loadruns are removed; this cannot be undone.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tollgate::ui::LoadSettingsSide</name>
    <message numerus="yes">
        <location filename="../ui/load/loadsettingsside.cpp" line="+390"/>
        <source>Created %n test key(s): %1. Undo removes them.</source>
        <translation>
            <numerusform>Created %n test key: %1. Undo removes it.</numerusform>
            <numerusform>Created %n test keys: %1. Undo removes them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+284"/>
        <source>%n request(s) of the mix need a key and the pool sends none: the server will answer them 401. Create a test key per tier, or check keys whose secret the app holds.</source>
        <translation>
            <numerusform>%n request of the mix needs a key and the pool sends none: the server will answer it 401. Create a test key per tier, or check keys whose secret the app holds.</numerusform>
            <numerusform>%n requests of the mix need a key and the pool sends none: the server will answer them 401. Create a test key per tier, or check keys whose secret the app holds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tollgate::ui::MainWindow</name>
    <message numerus="yes">
        <location filename="../ui/shell/workspacefiles.cpp" line="+77"/>
        <source>Opened %1 with %n problem(s); the rest loaded.</source>
        <translation>
            <numerusform>Opened %1 with %n problem; the rest loaded.</numerusform>
            <numerusform>Opened %1 with %n problems; the rest loaded.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/shell/windowstatusbar.cpp" line="+86"/>
        <source>%n route(s)</source>
        <translation>
            <numerusform>%n route</numerusform>
            <numerusform>%n routes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n route(s), %1 disabled</source>
        <translation>
            <numerusform>%n route, %1 disabled</numerusform>
            <numerusform>%n routes, %1 disabled</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Serving :%1 · %Ln request(s)</source>
        <translation>
            <numerusform>Serving :%1 · %Ln request</numerusform>
            <numerusform>Serving :%1 · %Ln requests</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-20"/>
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n problem</numerusform>
            <numerusform>%n problems</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tollgate::ui::MetricsPanel</name>
    <message numerus="yes">
        <location filename="../ui/metrics/metricspanel.cpp" line="+307"/>
        <source>%Ln request(s)</source>
        <translation>
            <numerusform>%Ln request</numerusform>
            <numerusform>%Ln requests</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>%n request(s) not recorded (metering could not keep up)</source>
        <translation>
            <numerusform>%n request not recorded (metering could not keep up)</numerusform>
            <numerusform>%n requests not recorded (metering could not keep up)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n row(s) of metrics not stored</source>
        <translation>
            <numerusform>%n row of metrics not stored</numerusform>
            <numerusform>%n rows of metrics not stored</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tollgate::ui::MetricsWindow</name>
    <message numerus="yes">
        <location filename="../ui/metrics/metricswindow.cpp" line="+100"/>
        <source>%n-minute steps</source>
        <translation>
            <numerusform>%n-minute steps</numerusform>
            <numerusform>%n-minute steps</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n-second steps</source>
        <translation>
            <numerusform>%n-second steps</numerusform>
            <numerusform>%n-second steps</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tollgate::ui::ResponseViewer</name>
    <message numerus="yes">
        <location filename="../ui/requests/responseviewer.cpp" line="+396"/>
        <source>%n byte(s) of body</source>
        <translation>
            <numerusform>%n byte of body</numerusform>
            <numerusform>%n bytes of body</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+129"/>
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n match</numerusform>
            <numerusform>%n matches</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tollgate::ui::RunResultModel</name>
    <message numerus="yes">
        <location filename="../ui/requests/runresultmodel.cpp" line="+174"/>
        <source>✓ %n passed</source>
        <translation>
            <numerusform>✓ %n passed</numerusform>
            <numerusform>✓ %n passed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>✗ %n failed</source>
        <translation>
            <numerusform>✗ %n failed</numerusform>
            <numerusform>✗ %n failed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tollgate::ui::RunnerDialog</name>
    <message numerus="yes">
        <location filename="../ui/requests/runnerdialog.cpp" line="+256"/>
        <source>%n saved request(s) do not load and are left out: %1</source>
        <translation>
            <numerusform>%n saved request does not load and is left out: %1</numerusform>
            <numerusform>%n saved requests do not load and are left out: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+121"/>
        <source>✓ All %n request(s) passed</source>
        <translation>
            <numerusform>✓ The request passed</numerusform>
            <numerusform>✓ All %n requests passed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tollgate::ui::ServerBar</name>
    <message numerus="yes">
        <location filename="../ui/shell/serverbar.cpp" line="+257"/>
        <source>%n route(s) recorded</source>
        <translation>
            <numerusform>%n route recorded</numerusform>
            <numerusform>%n routes recorded</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tollgate::ui::StreamView</name>
    <message numerus="yes">
        <location filename="../ui/requests/streamview.cpp" line="+186"/>
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n event</numerusform>
            <numerusform>%n events</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%n heartbeat comment(s)</source>
        <translation>
            <numerusform>%n heartbeat comment</numerusform>
            <numerusform>%n heartbeat comments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Assembled text, %n chunk(s)</source>
        <translation>
            <numerusform>Assembled text, %n chunk</numerusform>
            <numerusform>Assembled text, %n chunks</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tollgate::ui::TestsEditor</name>
    <message numerus="yes">
        <location filename="../ui/requests/testseditor.cpp" line="+103"/>
        <source>&lt;span style=&apos;color:#1b7f3b&apos;&gt;✔ All %n passed&lt;/span&gt;</source>
        <translation>
            <numerusform>&lt;span style=&apos;color:#1b7f3b&apos;&gt;✔ %n passed&lt;/span&gt;</numerusform>
            <numerusform>&lt;span style=&apos;color:#1b7f3b&apos;&gt;✔ All %n passed&lt;/span&gt;</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tollgate::ui::TierTableModel</name>
    <message numerus="yes">
        <location filename="../ui/keys/tiertablemodel.cpp" line="+384"/>
        <source>%n key(s) use the tier &quot;%1&quot;; move them to another tier first.</source>
        <translation>
            <numerusform>%n key uses the tier &quot;%1&quot;; move it to another tier first.</numerusform>
            <numerusform>%n keys use the tier &quot;%1&quot;; move them to another tier first.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tollgate::ui::TrafficLogView</name>
    <message numerus="yes">
        <location filename="../ui/shell/trafficlogview.cpp" line="+135"/>
        <source>%n request(s)</source>
        <translation>
            <numerusform>%n request</numerusform>
            <numerusform>%n requests</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%1 of %n request(s)</source>
        <translation>
            <numerusform>%1 of %n request</numerusform>
            <numerusform>%1 of %n requests</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tollgate::ui::UpstreamStatusBox</name>
    <message numerus="yes">
        <location filename="../ui/routes/upstreamstatusbox.cpp" line="+116"/>
        <source>Shared by every route to %1 with these breaker settings; it changed state %n time(s)</source>
        <translation>
            <numerusform>Shared by every route to %1 with these breaker settings; it changed state %n time</numerusform>
            <numerusform>Shared by every route to %1 with these breaker settings; it changed state %n times</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tollgate::ui::WorkspaceDocument</name>
    <message numerus="yes">
        <location filename="../ui/document/workspacedocument.cpp" line="+287"/>
        <source>Record %n answer(s)</source>
        <translation>
            <numerusform>Record %n answer</numerusform>
            <numerusform>Record %n answers</numerusform>
        </translation>
    </message>
</context>
</TS>
