<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>QObject</name>
    <message>
        <location filename="../ui/requests/responseviewer.cpp" line="+53"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+6"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 d</source>
        <translation>%1 d</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::Application</name>
    <message>
        <location filename="../app/gui/application.cpp" line="+100"/>
        <source>Design, serve and test HTTP APIs before the real service exists.</source>
        <translation>HTTP-APIs entwerfen, bereitstellen und testen, bevor es den echten Dienst gibt.</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>Open the workspace in &lt;dir&gt;.</source>
        <translation>Den Arbeitsbereich in &lt;dir&gt; öffnen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dir</source>
        <translation>dir</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use the &lt;theme&gt; look: system, light or dark.</source>
        <translation>Das Erscheinungsbild &lt;theme&gt; verwenden: system, light oder dark.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>theme</source>
        <translation>theme</translation>
    </message>
    <message>
        <location filename="../app/tollgate_screenshot_main.cpp" line="+52"/>
        <source>Tollgate&apos;s window for the documentation and the benchmarks: a screenshot of a page, or start-up and update timings.</source>
        <translation>Das Fenster von Tollgate für die Dokumentation und die Benchmarks: ein Screenshot einer Seite oder die Zeiten für Start und Aktualisierung.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Save a PNG of the window to &lt;file&gt; and quit.</source>
        <translation>Ein PNG des Fensters in &lt;file&gt; speichern und beenden.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show the &lt;page&gt; page first: routes, keys, requests, metrics or load (or upstream, sse: the Routes page on an upstream or an SSE route; stream: the Requests page receiving a token stream; websocket: the Requests page in a WebSocket session; route-websocket: the Routes page on a WebSocket route).</source>
        <translation>Zuerst die Seite &lt;page&gt; zeigen: routes, keys, requests, metrics oder load (oder upstream, sse: die Routen-Seite auf einer Upstream- oder SSE-Route; stream: die Anfragen-Seite, während ein Token-Stream eintrifft; websocket: die Anfragen-Seite in einer WebSocket-Sitzung; route-websocket: die Routen-Seite auf einer WebSocket-Route).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Print start-up time and idle memory, then quit.</source>
        <translation>Startzeit und Speicherbedarf im Leerlauf ausgeben, dann beenden.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show the Metrics page for &lt;seconds&gt;, print its update times, then quit.</source>
        <translation>Die Seite „Metriken“ &lt;Sekunden&gt; lang zeigen, ihre Aktualisierungszeiten ausgeben, dann beenden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>seconds</source>
        <translation>Sekunden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>With --screenshot: show the import preview of &lt;file&gt; and take that instead of the window.</source>
        <translation>Mit --screenshot: die Importvorschau von &lt;file&gt; zeigen und statt des Fensters aufnehmen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>With --screenshot: show the export preview of &lt;format&gt; (openapi, fastapi, history-har or traffic-har) and take that instead of the window.</source>
        <translation>Mit --screenshot: die Exportvorschau von &lt;format&gt; (openapi, fastapi, history-har oder traffic-har) zeigen und statt des Fensters aufnehmen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Serve the workspace over HTTPS (the app&apos;s local certificate authority, made in the data folder when there is none).</source>
        <translation>Den Arbeitsbereich über HTTPS bereitstellen (mit der lokalen Zertifizierungsstelle der App, die im Datenordner erstellt wird, wenn es noch keine gibt).</translation>
    </message>
    <message>
        <location line="-26"/>
        <location line="+19"/>
        <source>file</source>
        <translation>file</translation>
    </message>
    <message>
        <location filename="../app/gui/application.cpp" line="+95"/>
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
        <location line="+21"/>
        <source>Cannot create %1.</source>
        <translation>%1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Cannot write %1.</source>
        <translation>%1 kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <location filename="../app/tollgate_screenshot_main.cpp" line="-12"/>
        <source>page</source>
        <translation>page</translation>
    </message>
    <message>
        <location filename="../app/screenshot/screenshotdriver.cpp" line="+97"/>
        <location line="+336"/>
        <location line="+35"/>
        <source>Create key</source>
        <translation>Schlüssel erstellen</translation>
    </message>
    <message>
        <location line="-259"/>
        <location line="+77"/>
        <location line="+59"/>
        <location line="+246"/>
        <source>Change route</source>
        <translation>Route ändern</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::AssertionTableModel</name>
    <message>
        <location filename="../ui/requests/checkmodels.cpp" line="+87"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Header</source>
        <translation>Header</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>JSON value</source>
        <translation>JSON-Wert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Body</source>
        <translation>Body</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>JSON Schema</source>
        <translation>JSON-Schema</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Latency (ms)</source>
        <translation>Latenz (ms)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>equals</source>
        <translation>ist gleich</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>does not equal</source>
        <translation>ist ungleich</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>contains</source>
        <translation>enthält</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>matches</source>
        <translation>passt auf</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>exists</source>
        <translation>existiert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>is absent</source>
        <translation>fehlt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>is of type</source>
        <translation>ist vom Typ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>below</source>
        <translation>unter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>at most</source>
        <translation>höchstens</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>above</source>
        <translation>über</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>at least</source>
        <translation>mindestens</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Untick to keep the assertion without running it</source>
        <translation>Abwählen, um die Prüfung zu behalten, ohne sie auszuführen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>A JSON pointer into the body: /id, /items/0/name; empty for the whole body</source>
        <translation>Ein JSON-Pointer in den Body: /id, /items/0/name; leer für den ganzen Body</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The header&apos;s name (any case)</source>
        <translation>Der Name des Headers (Groß-/Kleinschreibung egal)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>(the route&apos;s schema for the status; or paste one)</source>
        <translation>(das Schema der Route für den Status; oder eines einfügen)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A JSON Schema the body must be valid against. Left empty, the schema of the route&apos;s answer with the status that came (routes imported from OpenAPI keep their schemas).</source>
        <translation>Ein JSON Schema, dem der Body genügen muss. Leer gelassen gilt das Schema der Antwort der Route mit dem gekommenen Status (aus OpenAPI importierte Routen behalten ihre Schemas).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>string, number, integer, boolean, object, array or null</source>
        <translation>string, number, integer, boolean, object, array oder null</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A regular expression, found anywhere in the value</source>
        <translation>Ein regulärer Ausdruck, irgendwo im Wert gefunden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{{variables}} are filled in when the check runs</source>
        <translation>{{Variablen}} werden eingesetzt, wenn die Prüfung läuft</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Passed</source>
        <translation>Bestanden</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expected %1, got %2</source>
        <translation>Erwartet %1, erhalten %2</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>Check</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pointer / header</source>
        <translation>Pointer / Header</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expected</source>
        <translation>Erwartet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::AuthEditor</name>
    <message>
        <location filename="../ui/requests/autheditor.cpp" line="+40"/>
        <source>No auth</source>
        <translation>Keine Authentifizierung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bearer token</source>
        <translation>Bearer-Token</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>API key header</source>
        <translation>API-Schlüssel-Header</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Basic</source>
        <translation>Basic</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The request is sent without credentials.</source>
        <translation>Die Anfrage wird ohne Anmeldedaten gesendet.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Use one of this workspace&apos;s keys; only keys whose secret this app holds can be picked</source>
        <translation>Einen der Schlüssel dieses Arbeitsbereichs verwenden; wählbar sind nur Schlüssel, deren Secret dieser App vorliegt</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Token, or {{variable}}</source>
        <translation>Token oder {{variable}}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Workspace key:</source>
        <translation>Arbeitsbereich-Schlüssel:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Token:</source>
        <translation>Token:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Header:</source>
        <translation>Header:</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>User:</source>
        <translation>Benutzer:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password:</source>
        <translation>Passwort:</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>This request uses key %1, whose secret this app does not hold. Paste the key as a token, or pick another one.</source>
        <translation>Diese Anfrage verwendet den Schlüssel %1, dessen Secret dieser App nicht vorliegt. Fügen Sie den Schlüssel als Token ein oder wählen Sie einen anderen.</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>None: type a token</source>
        <translation>Keiner: Token eingeben</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 (%2) · %3…</source>
        <translation>%1 (%2) · %3…</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n active key(s) of this workspace cannot be picked: their secret was shown once when created and this app does not hold it.</source>
        <translation>
            <numerusform>%n aktiver Schlüssel dieses Arbeitsbereichs kann nicht gewählt werden: Sein Secret wurde beim Erstellen einmal angezeigt und liegt dieser App nicht vor.</numerusform>
            <numerusform>%n aktive Schlüssel dieses Arbeitsbereichs können nicht gewählt werden: Ihr Secret wurde beim Erstellen einmal angezeigt und liegt dieser App nicht vor.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Secrets of keys created here are kept for this session only. %1</source>
        <translation>Secrets von hier erstellten Schlüsseln werden nur für diese Sitzung aufbewahrt. %1</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::BodyEditor</name>
    <message>
        <location filename="../ui/widgets/bodyeditor.cpp" line="+64"/>
        <source>Response body. Mustache tags like {{request.params.id}} are rendered per request.</source>
        <translation>Antwort-Body. Mustache-Tags wie {{request.params.id}} werden bei jeder Anfrage ausgewertet.</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Invalid JSON at line %1, column %2: %3</source>
        <translation>Ungültiges JSON in Zeile %1, Spalte %2: %3</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::CaptureTableModel</name>
    <message>
        <location filename="../ui/requests/checkmodels.cpp" line="-296"/>
        <source>JSON value</source>
        <translation>JSON-Wert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Header</source>
        <translation>Header</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Body</source>
        <translation>Body</translation>
    </message>
    <message>
        <location line="+368"/>
        <source>The variable the value goes into: {{%1}} in the requests after this one</source>
        <translation>Die Variable, die den Wert erhält: {{%1}} in den Anfragen danach</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>Variable</source>
        <translation>Variable</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pointer / header</source>
        <translation>Pointer / Header</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Captured</source>
        <translation>Erfasst</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::ComposerPanel</name>
    <message>
        <location filename="../ui/requests/composerpanel.cpp" line="+547"/>
        <location line="+7"/>
        <source>Save Response Body</source>
        <translation>Antwort-Body speichern</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Saved the body to %1.</source>
        <translation>Body in %1 gespeichert.</translation>
    </message>
    <message>
        <location line="-449"/>
        <source>&amp;Send</source>
        <translation>&amp;Senden</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Send the request (Ctrl+Return)</source>
        <translation>Die Anfrage senden (Strg+Eingabe)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Cancel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stop waiting for the response (Esc)</source>
        <translation>Nicht länger auf die Antwort warten (Esc)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save &amp;Request</source>
        <translation>Anfrage s&amp;peichern</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save the request in the workspace (Ctrl+S)</source>
        <translation>Die Anfrage im Arbeitsbereich speichern (Strg+S)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;New Request</source>
        <translation>&amp;Neue Anfrage</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Start a new request (Ctrl+T)</source>
        <translation>Eine neue Anfrage beginnen (Strg+T)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Import cURL…</source>
        <translation>cURL &amp;importieren…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Create a request from a curl command line (pasting one into the URL works too)</source>
        <translation>Eine Anfrage aus einer curl-Befehlszeile erstellen (Einfügen in das URL-Feld funktioniert auch)</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+6"/>
        <source>Import cURL</source>
        <translation>cURL importieren</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Paste a curl command line:</source>
        <translation>curl-Befehlszeile einfügen:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Copy as c&amp;URL</source>
        <translation>Als &amp;cURL kopieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copy as Python &amp;httpx</source>
        <translation>Als Python-&amp;httpx kopieren</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Environments…</source>
        <translation>&amp;Umgebungen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit the environments and their {{variables}}</source>
        <translation>Die Umgebungen und ihre {{variables}} bearbeiten</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Run Requests…</source>
        <translation>Anfragen &amp;ausführen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Run the saved requests of a folder with their tests (Ctrl+Alt+R)</source>
        <translation>Die gespeicherten Anfragen eines Ordners mit ihren Tests ausführen (Strg+Alt+R)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Go to URL</source>
        <translation>Zur URL springen</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import a curl command, copy the request as curl or Python httpx</source>
        <translation>Einen curl-Befehl importieren, die Anfrage als curl oder Python httpx kopieren</translation>
    </message>
    <message>
        <location line="+108"/>
        <source>Capture %1</source>
        <translation>%1 erfassen</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>This route needs a key: create one on the Keys page or paste one on the Auth tab.</source>
        <translation>Diese Route verlangt einen Schlüssel: Erstellen Sie einen auf der Seite „Schlüssel“ oder fügen Sie einen auf der Registerkarte „Auth“ ein.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Not a curl command this can read: %1</source>
        <translation>Kein lesbarer curl-Befehl: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Imported the curl command.</source>
        <translation>Der curl-Befehl wurde importiert.</translation>
    </message>
    <message>
        <location line="+198"/>
        <location line="+10"/>
        <source>Save Request</source>
        <translation>Anfrage speichern</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Name of the request:</source>
        <translation>Name der Anfrage:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Could not save the request: %1</source>
        <translation>Die Anfrage konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Saved %1. The key was recognised as a workspace key and is stored as a reference, not as text.</source>
        <translation>%1 gespeichert. Der Schlüssel wurde als Schlüssel des Arbeitsbereichs erkannt und wird als Verweis gespeichert, nicht als Text.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Saved %1.</source>
        <translation>%1 gespeichert.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Unsaved Request</source>
        <translation>Ungespeicherte Anfrage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the changes to %1?</source>
        <translation>Die Änderungen an %1 speichern?</translation>
    </message>
    <message>
        <location line="-220"/>
        <source>Unsaved request</source>
        <translation>Ungespeicherte Anfrage</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Changed since saved (Ctrl+S saves)</source>
        <translation>Seit dem Speichern geändert (Strg+S speichert)</translation>
    </message>
    <message>
        <location line="+322"/>
        <source>Edit environments</source>
        <translation>Umgebungen bearbeiten</translation>
    </message>
    <message>
        <location line="-152"/>
        <source>Copied the request as a Python httpx snippet.</source>
        <translation>Die Anfrage wurde als Python-httpx-Snippet kopiert.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copied the request as a curl command.</source>
        <translation>Die Anfrage wurde als curl-Befehl kopiert.</translation>
    </message>
    <message>
        <location line="-95"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop connecting (Esc)</source>
        <translation>Verbindungsaufbau abbrechen (Esc)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Disconnect</source>
        <translation>Trennen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close the session with 1000, normal closure (Esc)</source>
        <translation>Die Sitzung mit 1000 (normales Schließen) beenden (Esc)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open a WebSocket session with this URL (Ctrl+Return)</source>
        <translation>Eine WebSocket-Sitzung mit dieser URL öffnen (Strg+Eingabe)</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::ComposerSidebar</name>
    <message>
        <location filename="../ui/requests/composersidebar.cpp" line="+42"/>
        <source>Saved</source>
        <translation>Gespeichert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New folder for saved requests</source>
        <translation>Neuer Ordner für gespeicherte Anfragen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Delete the selected saved request (Del)</source>
        <translation>Die ausgewählte gespeicherte Anfrage löschen (Entf)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Search history</source>
        <translation>Verlauf durchsuchen</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+110"/>
        <source>Clear History</source>
        <translation>Verlauf leeren</translation>
    </message>
    <message>
        <location line="-92"/>
        <source>Saved request not loaded: %1</source>
        <translation>Gespeicherte Anfrage nicht geladen: %1</translation>
    </message>
    <message>
        <location line="+40"/>
        <location line="+7"/>
        <source>Delete Request</source>
        <translation>Anfrage löschen</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Delete the saved request %1? Its file is removed from the workspace.</source>
        <translation>Die gespeicherte Anfrage %1 löschen? Ihre Datei wird aus dem Arbeitsbereich entfernt.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Deleted %1.</source>
        <translation>%1 gelöscht.</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+9"/>
        <source>New Folder</source>
        <translation>Neuer Ordner</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Folder name:</source>
        <translation>Ordnername:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Folder name (inside %1):</source>
        <translation>Ordnername (in %1):</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Could not move %1: %2</source>
        <translation>%1 konnte nicht verschoben werden: %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Forget every request in the history of this workspace?</source>
        <translation>Alle Anfragen im Verlauf dieses Arbeitsbereichs vergessen?</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::CreateKeyDialog</name>
    <message>
        <location filename="../ui/keys/createkeydialog.cpp" line="+32"/>
        <source>no rate limit</source>
        <translation>keine Ratenbegrenzung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 req/min</source>
        <translation>%1 Anfr./min</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no quota</source>
        <translation>kein Kontingent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1/month</source>
        <translation>%1/Monat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 — %2, %3</source>
        <translation>%1 — %2, %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, %1/month fee</source>
        <translation>, %1/Monat Grundgebühr</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>E&amp;xpires on</source>
        <translation>&amp;Läuft ab am</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>New API Key</source>
        <translation>Neuer API-Schlüssel</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>What the key is for, e.g. &quot;Mobile app&quot;</source>
        <translation>Wofür der Schlüssel ist, z. B. „Mobile App“</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Customer or team, e.g. &quot;acme@example.com&quot;</source>
        <translation>Kunde oder Team, z. B. „acme@example.com“</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Comma separated, e.g. read, generate</source>
        <translation>Durch Kommas getrennt, z. B. read, generate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Routes that require scopes accept only keys holding all of them</source>
        <translation>Routen, die Scopes verlangen, akzeptieren nur Schlüssel, die alle davon haben</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The key is shown once after it is created. Tollgate keeps only its SHA-256 hash.</source>
        <translation>Der Schlüssel wird nach dem Erstellen einmal angezeigt. Tollgate speichert nur seinen SHA-256-Hash.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Create Key</source>
        <translation>Schlüssel erstellen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Tier:</source>
        <translation>&amp;Tarif:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Label:</source>
        <translation>&amp;Bezeichnung:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Owner:</source>
        <translation>&amp;Inhaber:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Scopes:</source>
        <translation>&amp;Scopes:</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Create a tier first: every key belongs to one.</source>
        <translation>Legen Sie zuerst einen Tarif an: Jeder Schlüssel gehört zu einem.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The expiry must be in the future.</source>
        <translation>Der Ablaufzeitpunkt muss in der Zukunft liegen.</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::EnvironmentDialog</name>
    <message>
        <location filename="../ui/requests/environmentdialog.cpp" line="+30"/>
        <source>Environments</source>
        <translation>Umgebungen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Add Variable</source>
        <translation>Variable hinzufügen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Remove Variable</source>
        <translation>Variable entfernen</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Use a variable as {{name}} in the URL, headers, body and auth. baseUrl, unless set here, is the embedded server: %1</source>
        <translation>Verwenden Sie eine Variable als {{name}} in URL, Headern, Body und Auth. baseUrl ist, sofern hier nicht gesetzt, der eingebettete Server: %1</translation>
    </message>
    <message>
        <location line="+69"/>
        <location line="+5"/>
        <source>Add Environment</source>
        <translation>Umgebung hinzufügen</translation>
    </message>
    <message>
        <location line="-5"/>
        <location line="+22"/>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location line="-16"/>
        <location line="+22"/>
        <source>There is already an environment called %1.</source>
        <translation>Es gibt bereits eine Umgebung namens %1.</translation>
    </message>
    <message>
        <location line="-6"/>
        <location line="+5"/>
        <source>Rename Environment</source>
        <translation>Umgebung umbenennen</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Remove Environment</source>
        <translation>Umgebung entfernen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>A workspace keeps at least one environment.</source>
        <translation>Ein Arbeitsbereich behält immer mindestens eine Umgebung.</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::EnvironmentModel</name>
    <message>
        <location filename="../ui/requests/environmentmodel.cpp" line="+67"/>
        <source>Not a valid variable name: use letters, digits, &apos;_&apos;, &apos;-&apos; and &apos;.&apos;</source>
        <translation>Kein gültiger Variablenname: erlaubt sind Buchstaben, Ziffern, &apos;_&apos;, &apos;-&apos; und &apos;.&apos;</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>Variable</source>
        <translation>Variable</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::EnvironmentPicker</name>
    <message>
        <location filename="../ui/requests/environmentpicker.cpp" line="+22"/>
        <source>The environment whose {{variables}} the request uses</source>
        <translation>Die Umgebung, deren {{variables}} die Anfrage verwendet</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Environment:</source>
        <translation>Umgebung:</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::EventStreamModel</name>
    <message>
        <location filename="../ui/requests/eventstreammodel.cpp" line="+195"/>
        <source>The stream ended before the blank line that ends this event: an EventSource would drop it.</source>
        <translation>Der Stream endete vor der Leerzeile, die dieses Ereignis abschließt: Eine EventSource würde es verwerfen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No id of its own; Last-Event-ID stays %1</source>
        <translation>Keine eigene ID; Last-Event-ID bleibt %1</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Milliseconds since the request was sent</source>
        <translation>Millisekunden seit dem Senden der Anfrage</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Time (ms)</source>
        <translation>Zeit (ms)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::ExportDialog</name>
    <message>
        <location filename="../ui/shell/exportdialog.cpp" line="+67"/>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export “%1”</source>
        <translation>„%1“ exportieren</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>On disk</source>
        <translation>Auf dem Datenträger</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+239"/>
        <source>Files to write</source>
        <translation>Zu schreibende Dateien</translation>
    </message>
    <message>
        <location line="-226"/>
        <source>Export report</source>
        <translation>Exportbericht</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>OpenAPI 3.1 document (JSON)</source>
        <translation>OpenAPI-3.1-Dokument (JSON)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>FastAPI project (a folder)</source>
        <translation>FastAPI-Projekt (ein Ordner)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HAR 1.2 of the Requests page&apos;s history</source>
        <translation>HAR 1.2 des Verlaufs der Seite „Anfragen“</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+136"/>
        <source>HAR 1.2 of the traffic log</source>
        <translation>HAR 1.2 des Anfrageprotokolls</translation>
    </message>
    <message>
        <location line="-134"/>
        <source>Every route as an operation with its responses as examples, API-key security and the tiers. JSON, which YAML tools read as well.</source>
        <translation>Jede Route als Operation mit ihren Antworten als Beispielen, API-Schlüssel-Sicherheit und den Tarifen. JSON, das auch YAML-Werkzeuge lesen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A Python service (uvicorn main:app) answering as the routes do, with the tiers&apos; keys, rate limits and quotas.</source>
        <translation>Ein Python-Dienst (uvicorn main:app), der wie die Routen antwortet, mit den Schlüsseln, Ratenbegrenzungen und Kontingenten der Tarife.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The requests sent from the Requests page, as they were sent, credentials redacted.</source>
        <translation>Die auf der Seite „Anfragen“ gesendeten Anfragen, so wie sie gesendet wurden, Anmeldedaten geschwärzt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The requests the server answered, as the traffic log keeps them: time, method, target, status, latency, size and request id, no header fields or bodies.</source>
        <translation>Die Anfragen, die der Server beantwortet hat, so wie das Anfrageprotokoll sie festhält: Zeit, Methode, Ziel, Status, Latenz, Größe und Request-ID, keine Header-Felder oder Bodys.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Destination</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>C&amp;hoose…</source>
        <translation>&amp;Wählen …</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Destination:</source>
        <translation>&amp;Ziel:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Format:</source>
        <translation>&amp;Format:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contents:</source>
        <translation>Inhalt:</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>OpenAPI 3.1</source>
        <translation>OpenAPI 3.1</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <location line="+9"/>
        <source>%n route(s)</source>
        <translation>
            <numerusform>%n Route</numerusform>
            <numerusform>%n Routen</numerusform>
        </translation>
    </message>
    <message>
        <location line="-1"/>
        <source>FastAPI project</source>
        <translation>FastAPI-Projekt</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>HAR 1.2 of the history</source>
        <translation>HAR 1.2 des Verlaufs</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n request(s) from the history</source>
        <translation>
            <numerusform>%n Anfrage aus dem Verlauf</numerusform>
            <numerusform>%n Anfragen aus dem Verlauf</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n request(s) from the traffic log</source>
        <translation>
            <numerusform>%n Anfrage aus dem Anfrageprotokoll</numerusform>
            <numerusform>%n Anfragen aus dem Anfrageprotokoll</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Report: the format says everything as the workspace does</source>
        <translation>Bericht: das Format sagt alles so, wie der Arbeitsbereich es hat</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Report: %n thing(s) the format cannot say as the workspace does</source>
        <translation>
            <numerusform>Bericht: %n Sache, die das Format nicht so sagen kann, wie der Arbeitsbereich sie hat</numerusform>
            <numerusform>Bericht: %n Sachen, die das Format nicht so sagen kann, wie der Arbeitsbereich sie hat</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Choose where to write the export.</source>
        <translation>Wählen Sie, wohin der Export geschrieben wird.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is a file; a FastAPI project is written into a folder.</source>
        <translation>%1 ist eine Datei; ein FastAPI-Projekt wird in einen Ordner geschrieben.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is a folder; choose a file name.</source>
        <translation>%1 ist ein Ordner; wählen Sie einen Dateinamen.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>replaces the existing file</source>
        <translation>ersetzt die vorhandene Datei</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>new</source>
        <translation>neu</translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>Files to write into %1: %n file(s), %2</source>
        <translation>
            <numerusform>Nach %1 zu schreiben: %n Datei, %2</numerusform>
            <numerusform>Nach %1 zu schreiben: %n Dateien, %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%1 is not empty: %n file(s) in it will be replaced. Whatever else it holds stays as it is.</source>
        <translation>
            <numerusform>%1 ist nicht leer: %n Datei darin wird ersetzt. Alles andere darin bleibt, wie es ist.</numerusform>
            <numerusform>%1 ist nicht leer: %n Dateien darin werden ersetzt. Alles andere darin bleibt, wie es ist.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is not empty: the project&apos;s files are written beside what it holds.</source>
        <translation>%1 ist nicht leer: Die Dateien des Projekts werden neben das geschrieben, was darin liegt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 exists and will be replaced.</source>
        <translation>%1 existiert und wird ersetzt.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Export into Folder</source>
        <translation>In Ordner exportieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>OpenAPI JSON (*.json);;All files (*)</source>
        <translation>OpenAPI-JSON (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HAR (*.har);;All files (*)</source>
        <translation>HAR (*.har);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export to File</source>
        <translation>In Datei exportieren</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Nothing was written: %1</source>
        <translation>Nichts wurde geschrieben: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Exported %1 (%2) to %3.</source>
        <translation>%1 (%2) nach %3 exportiert.</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::HeaderTableModel</name>
    <message>
        <location filename="../ui/widgets/headertablemodel.cpp" line="+59"/>
        <source>Not a valid header name</source>
        <translation>Kein gültiger Header-Name</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Header</source>
        <translation>Header</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::HistogramChart</name>
    <message>
        <location filename="../ui/charts/histogramchart.cpp" line="+27"/>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>ms</source>
        <translation>ms</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::HistoryModel</name>
    <message>
        <location filename="../ui/requests/historymodel.cpp" line="+65"/>
        <source>No response</source>
        <translation>Keine Antwort</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location line="+53"/>
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
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::ImportDialog</name>
    <message>
        <location filename="../ui/shell/importdialog.cpp" line="+50"/>
        <location line="+204"/>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <location line="-192"/>
        <source>Why the file cannot be imported</source>
        <translation>Warum die Datei nicht importiert werden kann</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Routes:</source>
        <translation>Routen:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saved requests:</source>
        <translation>Gespeicherte Anfragen:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Environments:</source>
        <translation>Umgebungen:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Conflicts:</source>
        <translation>Konflikte:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upstream:</source>
        <translation>Upstream:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kept on the imported routes, for when one is switched to forward to the real API</source>
        <translation>Bleibt an den importierten Routen, für den Fall, dass eine auf Weiterleiten an die echte API umgestellt wird</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Validate requests against the schema</source>
        <translation>Anfragen gegen das Schema &amp;validieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Routes answer 400 (problem+json) to a request whose body does not match the operation&apos;s schema</source>
        <translation>Routen antworten mit 400 (problem+json) auf eine Anfrage, deren Body nicht zum Schema der Operation passt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Also make &amp;routes of the captured answers</source>
        <translation>Auch &amp;Routen aus den aufgezeichneten Antworten machen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Each captured answer becomes a designed route, as if recorded</source>
        <translation>Jede aufgezeichnete Antwort wird eine entworfene Route, wie beim Aufnehmen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Already in the workspace</source>
        <translation>Schon im Arbeitsbereich</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Keep mine</source>
        <translation>&amp;Meine behalten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Replace with im&amp;ported</source>
        <translation>Durch die im&amp;portierten ersetzen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Item</source>
        <translation>Eintrag</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conflicts</source>
        <translation>Konflikte</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Import report</source>
        <translation>Importbericht</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>This file cannot be imported; nothing was changed.</source>
        <translation>Diese Datei kann nicht importiert werden; nichts wurde geändert.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n new</source>
        <translation>
            <numerusform>%n neu</numerusform>
            <numerusform>%n neu</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%1, %n replaced</source>
        <translation>
            <numerusform>%1, %n ersetzt</numerusform>
            <numerusform>%1, %n ersetzt</numerusform>
        </translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Report: everything was carried over as written</source>
        <translation>Bericht: alles wurde so übernommen, wie es dasteht</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Report: %n thing(s) not carried over as written</source>
        <translation>
            <numerusform>Bericht: %n Sache nicht so übernommen, wie sie dasteht</numerusform>
            <numerusform>Bericht: %n Sachen nicht so übernommen, wie sie dastehen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nothing to import: the workspace already has everything this file holds</source>
        <translation>Nichts zu importieren: der Arbeitsbereich hat schon alles, was diese Datei enthält</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>replaced</source>
        <translation>ersetzt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>kept</source>
        <translation>behalten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>none, everything is new to the workspace</source>
        <translation>keine, alles ist neu für den Arbeitsbereich</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n already in the workspace</source>
        <translation>
            <numerusform>%n schon im Arbeitsbereich</numerusform>
            <numerusform>%n schon im Arbeitsbereich</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Import %1</source>
        <translation>%1 importieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The saved requests could not be written, so nothing was imported:
%1</source>
        <translation>Die gespeicherten Anfragen konnten nicht geschrieben werden, daher wurde nichts importiert:
%1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Imported %1, %2 and %3 from %4.</source>
        <translation>%1, %2 und %3 aus %4 importiert.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n route(s)</source>
        <translation>
            <numerusform>%n Route</numerusform>
            <numerusform>%n Routen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n saved request(s)</source>
        <translation>
            <numerusform>%n gespeicherte Anfrage</numerusform>
            <numerusform>%n gespeicherte Anfragen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n environment(s)</source>
        <translation>
            <numerusform>%n Umgebung</numerusform>
            <numerusform>%n Umgebungen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tollgate::ui::InterchangeActions</name>
    <message>
        <location filename="../ui/shell/interchangeactions.cpp" line="+25"/>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren …</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Add the routes, saved requests and environments of an OpenAPI document, a Mockoon environment, a Postman collection or a HAR capture to the workspace</source>
        <translation>Die Routen, gespeicherten Anfragen und Umgebungen eines OpenAPI-Dokuments, einer Mockoon-Umgebung, einer Postman-Sammlung oder eines HAR-Mitschnitts zum Arbeitsbereich hinzufügen</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren …</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Write the workspace as an OpenAPI document or a FastAPI project, or the request history or the traffic log as HAR, after a preview</source>
        <translation>Den Arbeitsbereich als OpenAPI-Dokument oder FastAPI-Projekt, den Anfrageverlauf oder das Anfrageprotokoll als HAR schreiben, nach einer Vorschau</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>OpenAPI (*.yaml *.yml *.json)</source>
        <translation>OpenAPI (*.yaml *.yml *.json)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mockoon (*.json)</source>
        <translation>Mockoon (*.json)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Postman (*.json)</source>
        <translation>Postman (*.json)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>HAR (*.har)</source>
        <translation>HAR (*.har)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::InterchangeReport</name>
    <message>
        <location filename="../ui/shell/interchangereport.cpp" line="+26"/>
        <source>Skipped</source>
        <translation>Übersprungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approximated</source>
        <translation>Angenähert</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Where</source>
        <translation>Wo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>&amp;Copy Report</source>
        <translation>Bericht &amp;kopieren</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::KeyActions</name>
    <message>
        <location filename="../ui/keys/keyactions.cpp" line="+43"/>
        <source>&amp;New Key…</source>
        <translation>&amp;Neuer Schlüssel…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Rotate Key…</source>
        <translation>Schlüssel &amp;rotieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;voke Key…</source>
        <translation>Schlüssel &amp;widerrufen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change &amp;Tier</source>
        <translation>&amp;Tarif ändern</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>New Key</source>
        <translation>Neuer Schlüssel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create an API key (Ctrl+Shift+K)</source>
        <translation>Einen API-Schlüssel erstellen (Strg+Umschalt+K)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Rotate</source>
        <translation>Rotieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replace the selected key with a new one; the old one works for a grace period</source>
        <translation>Den gewählten Schlüssel durch einen neuen ersetzen; der alte funktioniert noch eine Übergangszeit lang</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+185"/>
        <source>Revoke</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <location line="-184"/>
        <source>Stop the selected keys from working, at once and for good</source>
        <translation>Die gewählten Schlüssel sofort und endgültig sperren</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Change Tier</source>
        <translation>Tarif ändern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move the selected keys to another tier</source>
        <translation>Die gewählten Schlüssel in einen anderen Tarif verschieben</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Could not create the key: %1</source>
        <translation>Der Schlüssel konnte nicht erstellt werden: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Create key %1</source>
        <translation>Schlüssel %1 erstellen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Key for %1 created</source>
        <translation>Schlüssel für %1 erstellt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created key %1. Copy it now: it is shown only once.</source>
        <translation>Schlüssel %1 erstellt. Kopieren Sie ihn jetzt: Er wird nur einmal angezeigt.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Only an active key can be rotated; %1 is not.</source>
        <translation>Nur ein aktiver Schlüssel kann rotiert werden; %1 ist es nicht.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Could not rotate the key: %1</source>
        <translation>Der Schlüssel konnte nicht rotiert werden: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Rotate key %1</source>
        <translation>Schlüssel %1 rotieren</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Key for %1 rotated</source>
        <translation>Schlüssel für %1 rotiert</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rotated %1. The old key keeps working until %2.</source>
        <translation>%1 rotiert. Der alte Schlüssel funktioniert noch bis %2.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Rotated %1. The old key no longer works.</source>
        <translation>%1 rotiert. Der alte Schlüssel funktioniert nicht mehr.</translation>
    </message>
    <message numerus="yes">
        <location line="+23"/>
        <source>Revoked %n key(s); requests with them are refused from now on.</source>
        <translation>
            <numerusform>%n Schlüssel widerrufen; Anfragen damit werden ab jetzt abgewiesen.</numerusform>
            <numerusform>%n Schlüssel widerrufen; Anfragen damit werden ab jetzt abgewiesen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>Move %n key(s) to tier %1</source>
        <translation>
            <numerusform>%n Schlüssel in Tarif %1 verschieben</numerusform>
            <numerusform>%n Schlüssel in Tarif %1 verschieben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Moved %n key(s) to tier %1.</source>
        <translation>
            <numerusform>%n Schlüssel in Tarif %1 verschoben.</numerusform>
            <numerusform>%n Schlüssel in Tarif %1 verschoben.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Revoke the key %1?</source>
        <translation>Den Schlüssel %1 widerrufen?</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Revoke %n keys?</source>
        <translation>
            <numerusform>%n Schlüssel widerrufen?</numerusform>
            <numerusform>%n Schlüssel widerrufen?</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Revoke API Key</source>
        <translation>API-Schlüssel widerrufen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The running server refuses requests with it from the next request on. This cannot be undone: if the client needs access again, create a new key.</source>
        <translation>Der laufende Server weist Anfragen damit ab der nächsten Anfrage ab. Das lässt sich nicht rückgängig machen: Braucht der Client wieder Zugang, erstellen Sie einen neuen Schlüssel.</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::KeyBurnModel</name>
    <message>
        <location filename="../ui/metrics/keyburnmodel.cpp" line="+54"/>
        <source>No tier</source>
        <translation>Kein Tarif</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>no quota</source>
        <translation>kein Kontingent</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>used up, billing overage</source>
        <translation>aufgebraucht, Mehrverbrauch wird berechnet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>used up</source>
        <translation>aufgebraucht</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../ui/metrics/metricstables.cpp" line="+34"/>
        <source>lasts the month</source>
        <translation>reicht für den Monat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>in %1</source>
        <translation>in %1</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Requests beyond the quota are served and billed at the overage price</source>
        <translation>Anfragen über dem Kontingent werden beantwortet und zum Mehrverbrauchspreis berechnet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requests beyond the quota are refused with 429 until the month ends</source>
        <translation>Anfragen über dem Kontingent werden bis Monatsende mit 429 abgelehnt</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Requests made with the key in the window</source>
        <translation>Anfragen mit diesem Schlüssel im Zeitraum</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Requests per second over the window: how fast the quota is spent</source>
        <translation>Anfragen pro Sekunde im Zeitraum: wie schnell das Kontingent verbraucht wird</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Requests counted against the monthly quota so far</source>
        <translation>Bisher auf das Monatskontingent angerechnete Anfragen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When the monthly quota is used up if the key keeps this rate</source>
        <translation>Wann das Monatskontingent bei gleichbleibender Rate aufgebraucht ist</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tier</source>
        <translation>Tarif</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Req/s</source>
        <translation>Anfr./s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This month</source>
        <translation>Diesen Monat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quota used up</source>
        <translation>Kontingent aufgebraucht</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::KeyListSection</name>
    <message>
        <location filename="../ui/keys/keylistsection.cpp" line="+46"/>
        <source>Filter by label, owner, key or scope</source>
        <translation>Nach Bezeichnung, Inhaber, Schlüssel oder Scope filtern</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>All states</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expired</source>
        <translation>Abgelaufen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revoked</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>API Keys</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <location line="+106"/>
        <source>All tiers</source>
        <translation>Alle Tarife</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>%n key(s)</source>
        <translation>
            <numerusform>%n Schlüssel</numerusform>
            <numerusform>%n Schlüssel</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%1 of %n key(s)</source>
        <translation>
            <numerusform>%1 von %n Schlüssel</numerusform>
            <numerusform>%1 von %n Schlüsseln</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No API keys yet. Create one with New Key (%1): it is shown once, and routes that require a key accept it at once.</source>
        <translation>Noch keine API-Schlüssel. Erstellen Sie einen mit „Neuer Schlüssel“ (%1): Er wird einmal angezeigt, und Routen, die einen Schlüssel verlangen, akzeptieren ihn sofort.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open a workspace to manage its API keys.</source>
        <translation>Öffnen Sie einen Arbeitsbereich, um seine API-Schlüssel zu verwalten.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No key matches the filter.</source>
        <translation>Kein Schlüssel passt zum Filter.</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::KeyTableModel</name>
    <message>
        <location filename="../ui/keys/keytablemodel.cpp" line="+175"/>
        <source>%1 (missing)</source>
        <translation>%1 (fehlt)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expired</source>
        <translation>Abgelaufen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Revoked</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 / unlimited</source>
        <translation>%1 / unbegrenzt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>Key ID %1. Tollgate keeps only the first characters of a key and its SHA-256 hash.</source>
        <translation>Schlüssel-ID %1. Tollgate speichert nur die ersten Zeichen eines Schlüssels und seinen SHA-256-Hash.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>There is no tier &quot;%1&quot;: requests with this key are refused.</source>
        <translation>Es gibt keinen Tarif „%1“: Anfragen mit diesem Schlüssel werden abgewiesen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Revoked %1</source>
        <translation>Widerrufen %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expired %1</source>
        <translation>Abgelaufen %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Replaces key %1</source>
        <translation>Ersetzt Schlüssel %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Requests admitted in %1 (UTC) against the tier&apos;s monthly quota</source>
        <translation>Im %1 (UTC) zugelassene Anfragen im Verhältnis zum Monatskontingent des Tarifs</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Rename key %1</source>
        <translation>Schlüssel %1 umbenennen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Change owner of key %1</source>
        <translation>Inhaber von Schlüssel %1 ändern</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Change scopes of key %1</source>
        <translation>Scopes von Schlüssel %1 ändern</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>There is no tier &quot;%1&quot;.</source>
        <translation>Es gibt keinen Tarif „%1“.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Move key %1 to tier %2</source>
        <translation>Schlüssel %1 in Tarif %2 verschieben</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Requests this month (UTC) against the tier&apos;s monthly quota</source>
        <translation>Anfragen in diesem Monat (UTC) im Verhältnis zum Monatskontingent des Tarifs</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Label</source>
        <translation>Bezeichnung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Owner</source>
        <translation>Inhaber</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tier</source>
        <translation>Tarif</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scopes</source>
        <translation>Scopes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This month</source>
        <translation>Dieser Monat</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::KeyUsageView</name>
    <message>
        <location filename="../ui/keys/keyusageview.cpp" line="+52"/>
        <source>Select a key to see its usage by month and its invoice.</source>
        <translation>Wählen Sie einen Schlüssel, um seine Nutzung pro Monat und seine Rechnung zu sehen.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Export CSV…</source>
        <translation>Als CSV exportieren…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the previewed invoice as CSV</source>
        <translation>Die angezeigte Rechnung als CSV speichern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export JSON…</source>
        <translation>Als JSON exportieren…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the previewed invoice as JSON</source>
        <translation>Die angezeigte Rechnung als JSON speichern</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>No requests with this key yet.</source>
        <translation>Noch keine Anfragen mit diesem Schlüssel.</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+138"/>
        <source>Monthly fee:</source>
        <translation>Grundgebühr:</translation>
    </message>
    <message>
        <location line="-137"/>
        <source>Total:</source>
        <translation>Summe:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Usage charges:</source>
        <translation>Nutzungsentgelte:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cost to serve:</source>
        <translation>Bereitstellungskosten:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Margin:</source>
        <translation>Marge:</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Usage of %1</source>
        <translation>Nutzung von %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Usage of %1 (%2)</source>
        <translation>Nutzung von %1 (%2)</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Invoice preview for %1</source>
        <translation>Rechnungsvorschau für %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Monthly fee (%1):</source>
        <translation>Grundgebühr (%1):</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 billable requests, %2 of them over the quota</source>
        <translation>%1 abrechenbare Anfragen, davon %2 über dem Kontingent</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 input and %2 output tokens</source>
        <translation>%1 Eingabe- und %2 Ausgabe-Tokens</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Export Invoice as CSV</source>
        <translation>Rechnung als CSV exportieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Export Invoice as JSON</source>
        <translation>Rechnung als JSON exportieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>JSON files (*.json)</source>
        <translation>JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Exported the invoice to %1</source>
        <translation>Rechnung nach %1 exportiert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Could not export the invoice: %1</source>
        <translation>Die Rechnung konnte nicht exportiert werden: %1</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::LimitsDialog</name>
    <message>
        <location filename="../ui/shell/limitsdialog.cpp" line="+39"/>
        <source>Limits</source>
        <translation>Grenzen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> bytes</source>
        <translation> Bytes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A longer request line is answered 414</source>
        <translation>Eine längere Anfragezeile wird mit 414 beantwortet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A larger header section is answered 431</source>
        <translation>Ein größerer Header-Abschnitt wird mit 431 beantwortet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>More header fields are answered 431</source>
        <translation>Mehr Header-Felder werden mit 431 beantwortet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A larger body is answered 413 before it is read, unless the route sets its own limit</source>
        <translation>Ein größerer Body wird mit 413 beantwortet, bevor er gelesen wird, sofern die Route kein eigenes Limit setzt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A header (or body) not received in this time is answered 408</source>
        <translation>Ein Header (oder Body), der nicht in dieser Zeit eintrifft, wird mit 408 beantwortet</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A keep-alive connection idle this long is closed, as is one whose client takes no byte of its answer for this long</source>
        <translation>Eine Keep-alive-Verbindung, die so lange ruht, wird geschlossen, ebenso eine, deren Client so lange kein Byte seiner Antwort abnimmt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open connections one client address may hold; one more is answered 503 and closed</source>
        <translation>Offene Verbindungen, die eine Client-Adresse halten darf; eine weitere wird mit 503 beantwortet und geschlossen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unlimited</source>
        <translation>Unbegrenzt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The app&apos;s load runner connects from 127.0.0.1: a limit below a run&apos;s connections refuses the rest of them.</source>
        <translation>Der Lasttest der App verbindet sich von 127.0.0.1 aus: Ein Limit unter den Verbindungen eines Laufs weist die übrigen ab.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Request line:</source>
        <translation>&amp;Anfragezeile:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Header section:</source>
        <translation>&amp;Header-Abschnitt:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Header &amp;fields:</source>
        <translation>Header-&amp;Felder:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Body:</source>
        <translation>&amp;Body:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Header &amp;timeout:</source>
        <translation>Header-&amp;Zeitlimit:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Idle timeout:</source>
        <translation>&amp;Leerlauf-Zeitlimit:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Connections per address:</source>
        <translation>&amp;Verbindungen pro Adresse:</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Change limits</source>
        <translation>Grenzen ändern</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::LoadComparisonModel</name>
    <message>
        <location filename="../ui/load/loadcomparisonmodel.cpp" line="+28"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>GET of the URL</source>
        <translation>GET auf die URL</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>no key</source>
        <translation>ohne Schlüssel</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>±0 %</source>
        <translation>±0 %</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Settings that differ</source>
        <translation>Abweichende Einstellungen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load</source>
        <translation>Last</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connections</source>
        <translation>Verbindungen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 requests</source>
        <translation>%1 Anfragen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Length</source>
        <translation>Umfang</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warm-up</source>
        <translation>Aufwärmphase</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ramp-up</source>
        <translation>Anlaufphase</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Timeout</source>
        <translation>Timeout</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Route mix</source>
        <translation>Routenmix</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Key pool</source>
        <translation>Schlüsselpool</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Key header</source>
        <translation>Schlüssel-Header</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stopped early</source>
        <translation>Vorzeitig gestoppt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(none: same settings)</source>
        <translation>(keine: gleiche Einstellungen)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Results</source>
        <translation>Ergebnisse</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Throughput</source>
        <translation>Durchsatz</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <location line="+89"/>
        <location line="+1"/>
        <source>%1 req/s</source>
        <translation>%1 Anf./s</translation>
    </message>
    <message>
        <location line="-74"/>
        <source>p50</source>
        <translation>p50</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>p90</source>
        <translation>p90</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>p99</source>
        <translation>p99</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>p99.9</source>
        <translation>p99,9</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Max</source>
        <translation>Max.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Mean</source>
        <translation>Mittelwert</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>2xx</source>
        <translation>2xx</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>4xx</source>
        <translation>4xx</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>429 (limited)</source>
        <translation>429 (begrenzt)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>5xx</source>
        <translation>5xx</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Errors: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Failed (5xx + errors)</source>
        <translation>Fehlgeschlagen (5xx + Fehler)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Missed (not sent in time)</source>
        <translation>Verpasst (nicht rechtzeitig gesendet)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Measured time</source>
        <translation>Messdauer</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>%1: throughput</source>
        <translation>%1: Durchsatz</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: p99</source>
        <translation>%1: p99</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: answered 2xx/3xx</source>
        <translation>%1: mit 2xx/3xx beantwortet</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Per tier</source>
        <translation>Pro Tarif</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Per route</source>
        <translation>Pro Route</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A: %1</source>
        <translation>A: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>B: %1</source>
        <translation>B: %1</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Higher is better</source>
        <translation>Höher ist besser</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Lower is better</source>
        <translation>Niedriger ist besser</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Measure</source>
        <translation>Messgröße</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run A</source>
        <translation>Lauf A</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run B</source>
        <translation>Lauf B</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <location line="-212"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>once</source>
        <translation>einmal</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message interval</source>
        <translation>Nachrichtenintervall</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Sessions held</source>
        <translation>Gehaltene Sitzungen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Messages in</source>
        <translation>Nachrichten empfangen</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+1"/>
        <location line="+3"/>
        <location line="+1"/>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Messages out</source>
        <translation>Nachrichten gesendet</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::LoadComparisonView</name>
    <message>
        <location filename="../ui/load/loadcomparisonview.cpp" line="+37"/>
        <source>Copy as Text</source>
        <translation>Als Text kopieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy the comparison as plain text, as `tollgated load` prints it</source>
        <translation>Den Vergleich als reinen Text kopieren, so wie `tollgated load` ihn ausgibt</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Select two runs in the Runs tab and press Compare to see them side by side.</source>
        <translation>Wählen Sie auf der Registerkarte „Läufe“ zwei Läufe aus und klicken Sie auf „Vergleichen“, um sie nebeneinander zu sehen.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Measure</source>
        <translation>Messgröße</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&lt;b&gt;A&lt;/b&gt; %1 (baseline) → &lt;b&gt;B&lt;/b&gt; %2. Change is from A to B; green is better, red worse.</source>
        <translation>&lt;b&gt;A&lt;/b&gt; %1 (Referenz) → &lt;b&gt;B&lt;/b&gt; %2. Die Änderung gilt von A nach B; Grün ist besser, Rot schlechter.</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::LoadKeyPoolModel</name>
    <message>
        <location filename="../ui/load/loadkeypoolmodel.cpp" line="+126"/>
        <source>No key</source>
        <translation>Ohne Schlüssel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>anonymous</source>
        <translation>anonym</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Requests sent without any key: what an anonymous caller sees</source>
        <translation>Anfragen ganz ohne Schlüssel: was ein anonymer Aufrufer sieht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Key %1</source>
        <translation>Schlüssel %1</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tier</source>
        <translation>Tarif</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Weight</source>
        <translation>Gewicht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Share</source>
        <translation>Anteil</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::LoadLiveCharts</name>
    <message>
        <location filename="../ui/load/loadlivecharts.cpp" line="+44"/>
        <location line="+52"/>
        <source>Throughput (answers per second)</source>
        <translation>Durchsatz (Antworten pro Sekunde)</translation>
    </message>
    <message>
        <location line="-51"/>
        <location line="+52"/>
        <source>measured</source>
        <translation>gemessen</translation>
    </message>
    <message>
        <location line="-51"/>
        <source>warm-up</source>
        <translation>Aufwärmphase</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Latency (ms, log scale)</source>
        <translation>Latenz (ms, logarithmisch)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>p50</source>
        <translation>p50</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>p90</source>
        <translation>p90</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>p99</source>
        <translation>p99</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Status split (per second)</source>
        <translation>Statusverteilung (pro Sekunde)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>2xx/3xx</source>
        <translation>2xx/3xx</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>4xx</source>
        <translation>4xx</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>5xx</source>
        <translation>5xx</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no answer</source>
        <translation>keine Antwort</translation>
    </message>
    <message>
        <location line="-18"/>
        <location line="+53"/>
        <source>events</source>
        <translation>Events</translation>
    </message>
    <message>
        <location line="-52"/>
        <source>messages out</source>
        <translation>Nachrichten gesendet</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Throughput (answers and events per second)</source>
        <translation>Durchsatz (Antworten und Events pro Sekunde)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>answers</source>
        <translation>Antworten</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Throughput (messages per second)</source>
        <translation>Durchsatz (Nachrichten pro Sekunde)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>handshakes</source>
        <translation>Handshakes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>messages in</source>
        <translation>Nachrichten empfangen</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::LoadMixModel</name>
    <message>
        <location filename="../ui/load/loadmixmodel.cpp" line="+203"/>
        <source>No route of the workspace has this method and path any more</source>
        <translation>Keine Route des Arbeitsbereichs hat mehr diese Methode und diesen Pfad</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Double-click to edit</source>
        <translation>Zum Bearbeiten doppelklicken</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Relative weight: how often this entry is drawn compared to the others</source>
        <translation>Relatives Gewicht: wie oft dieser Eintrag im Vergleich zu den anderen gezogen wird</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Request</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Weight</source>
        <translation>Gewicht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Share</source>
        <translation>Anteil</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Parameters and body</source>
        <translation>Parameter und Body</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::LoadPanel</name>
    <message>
        <location filename="../ui/load/loadpanel.cpp" line="+58"/>
        <source>Tier</source>
        <translation>Tarif</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Route</source>
        <translation>Route</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>&amp;Start Load Test</source>
        <translation>Lasttest &amp;starten</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Start the load test (Ctrl+Return)</source>
        <translation>Den Lasttest starten (Strg+Return)</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>S&amp;top Load Test</source>
        <translation>Lasttest s&amp;toppen</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Stop the running test; what it measured is kept (Esc)</source>
        <translation>Den laufenden Test stoppen; was er bis dahin gemessen hat, bleibt erhalten (Esc)</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+145"/>
        <source>Tiers</source>
        <translation>Tarife</translation>
    </message>
    <message>
        <location line="-144"/>
        <location line="+145"/>
        <source>Routes</source>
        <translation>Routen</translation>
    </message>
    <message>
        <location line="-212"/>
        <location line="+69"/>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Compare</source>
        <translation>Vergleichen</translation>
    </message>
    <message>
        <location line="+182"/>
        <source>No key</source>
        <translation>Ohne Schlüssel</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Tiers (%1)</source>
        <translation>Tarife (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Routes (%1)</source>
        <translation>Routen (%1)</translation>
    </message>
    <message>
        <location line="-242"/>
        <source>Runs (%1)</source>
        <translation>Läufe (%1)</translation>
    </message>
    <message>
        <location line="+274"/>
        <source>Cannot read the run %1: %2</source>
        <translation>Der Lauf %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A load test is running: its live numbers stay until it ends.</source>
        <translation>Ein Lasttest läuft: Seine Live-Zahlen bleiben bis zu seinem Ende stehen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Showing the run of %1 · %2 · %3</source>
        <translation>Angezeigt wird der Lauf vom %1 · %2 · %3</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Cannot compare: %1</source>
        <translation>Vergleich nicht möglich: %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Ready · %1</source>
        <translation>Bereit · %1</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::LoadRunController</name>
    <message>
        <location filename="../ui/load/loadruncontroller.cpp" line="+54"/>
        <location line="+35"/>
        <source>The embedded server could not start: %1</source>
        <translation>Der eingebettete Server konnte nicht starten: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no workspace is open</source>
        <translation>kein Arbeitsbereich geöffnet</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Starting the embedded server…</source>
        <translation>Der eingebettete Server wird gestartet…</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Cost, price, margin and revenue thresholds need the server&apos;s meters, which the app reads from its embedded server only: target it, or run tollgated load with --admin.</source>
        <translation>Schwellwerte für Kosten, Preis, Marge und Umsatz brauchen die Zähler des Servers, die die App nur von ihrem eingebetteten Server liest: diesen als Ziel wählen, oder tollgated load mit --admin ausführen.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The load test did not start: check the settings.</source>
        <translation>Der Lasttest wurde nicht gestartet: Prüfen Sie die Einstellungen.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Started the embedded server at %1 for the load test.</source>
        <translation>Der eingebettete Server wurde für den Lasttest unter %1 gestartet.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Ready · %1</source>
        <translation>Bereit · %1</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>%1 · starting</source>
        <translation>%1 · wird gestartet</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 · stopping: the requests in flight get a second to finish</source>
        <translation>%1 · wird gestoppt: Laufende Anfragen haben noch eine Sekunde, um abzuschließen</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>starting</source>
        <translation>wird gestartet</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>warming up</source>
        <translation>Aufwärmphase</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>measuring</source>
        <translation>Messung läuft</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>finishing the requests in flight</source>
        <translation>laufende Anfragen werden abgeschlossen</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+96"/>
        <location line="+12"/>
        <source>finished</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <location line="-104"/>
        <source>stopping: the threshold %1 failed</source>
        <translation>wird beendet: der Schwellwert %1 ist verletzt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>stopping</source>
        <translation>wird gestoppt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 s of %2 s</source>
        <translation>%1 s von %2 s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 of %2 measured requests</source>
        <translation>%1 von %2 gemessenen Anfragen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>requests: %1</source>
        <translation>Anfragen: %1</translation>
    </message>
    <message>
        <location line="-3"/>
        <location line="+4"/>
        <source>errors: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open connections: %1</source>
        <translation>offene Verbindungen: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>✗ failed: %1</source>
        <translation>✗ verletzt: %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Threshold %1 failed at %2 s of measuring: %3</source>
        <translation>Schwellwert %1 verletzt nach %2 s Messung: %3</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Stopping the load test: the threshold %1 failed.</source>
        <translation>Der Lasttest wird beendet: der Schwellwert %1 ist verletzt.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>not saved: no workspace is open</source>
        <translation>nicht gespeichert: kein Arbeitsbereich geöffnet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>saved as %1</source>
        <translation>gespeichert als %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not saved: %1</source>
        <translation>nicht gespeichert: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Stopped</source>
        <translation>Gestoppt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Finished</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1 · %2: %3 requests in %4, %5 req/s · %6</source>
        <translation>%1 · %2: %3 Anfragen in %4, %5 Anf./s · %6</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Load test %1: %2 requests, %3 req/s, p99 %4 (%5)</source>
        <translation>Lasttest %1: %2 Anfragen, %3 Anf./s, p99 %4 (%5)</translation>
    </message>
    <message>
        <location line="-11"/>
        <location line="+12"/>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <location line="-90"/>
        <source>messages in: %1</source>
        <translation>Nachrichten empfangen: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>sessions open: %1</source>
        <translation>offene Sitzungen: %1</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>%1 · %2: %3 sessions held, %4 messages in (%5/s) · %6</source>
        <translation>%1 · %2: %3 Sitzungen gehalten, %4 Nachrichten empfangen (%5/s) · %6</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Load test %1: %2 sessions held, %3 messages/s in (%4)</source>
        <translation>Lasttest %1: %2 Sitzungen gehalten, %3 Nachrichten/s empfangen (%4)</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::LoadRunListModel</name>
    <message>
        <location filename="../ui/load/loadrunlistmodel.cpp" line="+60"/>
        <source>open · %1 req/s</source>
        <translation>offen · %1 Anf./s</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>closed · %n connection(s)</source>
        <translation>
            <numerusform>geschlossen · %n Verbindung</numerusform>
            <numerusform>geschlossen · %n Verbindungen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+16"/>
        <source>(stopped)</source>
        <translation>(gestoppt)</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Run %1
%2</source>
        <translation>Lauf %1
%2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Load</source>
        <translation>Last</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>req/s</source>
        <translation>Anf./s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>p50</source>
        <translation>p50</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>p99</source>
        <translation>p99</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::LoadRunsView</name>
    <message>
        <location filename="../ui/load/loadrunsview.cpp" line="+35"/>
        <source>Double-click a run to show it; select two to compare them</source>
        <translation>Doppelklick auf einen Lauf zeigt ihn an; wählen Sie zwei aus, um sie zu vergleichen</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show the selected run&apos;s results</source>
        <translation>Die Ergebnisse des ausgewählten Laufs anzeigen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Compare</source>
        <translation>Vergleichen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compare the two selected runs side by side (the older one is the baseline)</source>
        <translation>Die beiden ausgewählten Läufe nebeneinander vergleichen (der ältere ist die Referenz)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use Settings</source>
        <translation>Einstellungen übernehmen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Put the selected run&apos;s settings in the form, to run it again</source>
        <translation>Die Einstellungen des ausgewählten Laufs ins Formular übernehmen, um ihn erneut auszuführen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Delete the selected run&apos;s file</source>
        <translation>Die Datei des ausgewählten Laufs löschen</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Some saved runs cannot be read: %1</source>
        <translation>Einige gespeicherte Läufe können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Delete Run</source>
        <translation>Lauf löschen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the load run of %1?

Its file in .tollgate/loadruns is removed; this cannot be undone.</source>
        <translation>Den Lasttest-Lauf vom %1 löschen?

Seine Datei in .tollgate/loadruns wird entfernt; dies kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot delete the run: %1</source>
        <translation>Der Lauf kann nicht gelöscht werden: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Deleted the run %1.</source>
        <translation>Lauf %1 gelöscht.</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Cannot read the run: %1</source>
        <translation>Der Lauf kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The settings of the run of %1 are in the form.</source>
        <translation>Die Einstellungen des Laufs vom %1 stehen im Formular.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Delete Runs</source>
        <translation>Läufe löschen</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Delete %n load run(s)?

Their files in .tollgate/loadruns are removed; this cannot be undone.</source>
        <translation>
            <numerusform>%n Lasttest-Lauf löschen?

Seine Datei in .tollgate/loadruns wird entfernt; dies kann nicht rückgängig gemacht werden.</numerusform>
            <numerusform>%n Lasttest-Läufe löschen?

Ihre Dateien in .tollgate/loadruns werden entfernt; dies kann nicht rückgängig gemacht werden.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tollgate::ui::LoadSettingsForm</name>
    <message>
        <location filename="../ui/load/loadsettingsform.cpp" line="+35"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>Where the requests go: http[s]://host[:port][/prefix]. The mix&apos;s paths are appended to it. A ws[s]:// URL opens a WebSocket session on each connection and holds it.</source>
        <translation>Wohin die Anfragen gehen: http[s]://host[:port][/prefix]. Die Pfade des Mixes werden daran angehängt. Eine ws[s]://-URL öffnet auf jeder Verbindung eine WebSocket-Sitzung und hält sie.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Embedded</source>
        <translation>Eingebettet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send to this workspace&apos;s embedded server</source>
        <translation>An den eingebetteten Server dieses Arbeitsbereichs senden</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Closed (connections)</source>
        <translation>Geschlossen (Verbindungen)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open (constant rate)</source>
        <translation>Offen (konstante Rate)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Closed: each connection sends its next request as soon as the last one is answered.
Open: requests are due at a constant rate whether or not answers come back; a slow server shows as latency, not as fewer requests.</source>
        <translation>Geschlossen: Jede Verbindung sendet ihre nächste Anfrage, sobald die letzte beantwortet ist.
Offen: Anfragen werden mit konstanter Rate fällig, ob Antworten zurückkommen oder nicht; ein langsamer Server zeigt sich als Latenz, nicht als weniger Anfragen.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Connections kept open (open model: at most this many requests in flight at once)</source>
        <translation>Offen gehaltene Verbindungen (offenes Modell: höchstens so viele Anfragen gleichzeitig unterwegs)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source> req/s</source>
        <translation> Anf./s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open model: requests per second, due whether or not answers come back</source>
        <translation>Offenes Modell: Anfragen pro Sekunde, fällig unabhängig davon, ob Antworten zurückkommen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Duration</source>
        <translation>Da&amp;uer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Re&amp;quests</source>
        <translation>Anfra&amp;gen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>How long to measure, after the warm-up</source>
        <translation>Wie lange nach der Aufwärmphase gemessen wird</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Stop after this many measured requests</source>
        <translation>Nach so vielen gemessenen Anfragen stoppen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Requests started in the first seconds are sent but not counted (caches, JIT, pools)</source>
        <translation>In den ersten Sekunden gestartete Anfragen werden gesendet, aber nicht gezählt (Caches, JIT, Pools)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Load grows from nothing to full over this time, counted from the start: connections open one by one, or the rate climbs</source>
        <translation>Die Last steigt in dieser Zeit von null auf voll, gerechnet ab dem Start: Verbindungen öffnen sich nacheinander oder die Rate steigt an</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A request unanswered this long counts as a timeout error</source>
        <translation>Eine so lange unbeantwortete Anfrage zählt als Fehler durch Zeitüberschreitung</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&amp;Target:</source>
        <translation>&amp;Ziel:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Model:</source>
        <translation>&amp;Modell:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Co&amp;nnections:</source>
        <translation>&amp;Verbindungen:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Rate:</source>
        <translation>&amp;Rate:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>T&amp;imeout:</source>
        <translation>T&amp;imeout:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Warm-up:</source>
        <translation>Auf&amp;wärmphase:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ram&amp;p-up:</source>
        <translation>Anlauf&amp;phase:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Read answers as &amp;streams (Server-Sent Events)</source>
        <translation>Antworten als &amp;Streams lesen (Server-Sent Events)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Each request lasts until its stream ends. The run counts events, tokens and the time to the first event; the timeout is the longest silence, and streams still open at the end are closed, not errors.</source>
        <translation>Jede Anfrage dauert, bis ihr Stream endet. Der Lauf zählt Events, Tokens und die Zeit bis zum ersten Event; das Zeitlimit ist die längste Stille, und am Ende noch offene Streams werden geschlossen, ohne als Fehler zu zählen.</translation>
    </message>
    <message>
        <location line="+165"/>
        <source>Enter the URL to send to.</source>
        <translation>Geben Sie die URL ein, an die gesendet werden soll.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not an http://, https://, ws:// or wss:// URL.</source>
        <translation>Keine http://-, https://-, ws://- oder wss://-URL.</translation>
    </message>
    <message>
        <location line="-173"/>
        <source>Check the server&apos;s &amp;certificate (https, wss)</source>
        <translation>Zertifikat des Servers prü&amp;fen (https, wss)</translation>
    </message>
    <message>
        <location line="+220"/>
        <source>Against Tollgate&apos;s local certificate authority, which issued the embedded server&apos;s certificate, and the host name.</source>
        <translation>Gegen die lokale Zertifizierungsstelle von Tollgate, die das Zertifikat des eingebetteten Servers ausgestellt hat, und den Hostnamen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Against the system&apos;s certificate authorities and the host name. Turn off for a test server with a self-signed certificate.</source>
        <translation>Gegen die Zertifizierungsstellen des Systems und den Hostnamen. Für einen Testserver mit selbstsigniertem Zertifikat ausschalten.</translation>
    </message>
    <message>
        <location line="-44"/>
        <source>Sending to %1 — the embedded server</source>
        <translation>Sendet an %1 – den eingebetteten Server</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sending to %1 — this machine, not the embedded server</source>
        <translation>Sendet an %1 – diesen Rechner, nicht den eingebetteten Server</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sending to %1 — not this machine</source>
        <translation>Sendet an %1 – nicht diesen Rechner</translation>
    </message>
    <message>
        <location line="+12"/>
        <source> (stopped: starting a run starts it)</source>
        <translation> (gestoppt: Der Start eines Laufs startet ihn)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Load tests put real load on that host: only test servers you are allowed to.</source>
        <translation>Lasttests erzeugen echte Last auf diesem Host: Testen Sie nur Server, bei denen Sie das dürfen.</translation>
    </message>
    <message>
        <location line="-180"/>
        <source>Sent when each session opens, then at the interval (empty: nothing is sent). A template: {{uuid}}, {{now}}, {{stream.index}} (the message&apos;s number). A message that comes back unchanged gives the round trip.</source>
        <translation>Wird gesendet, wenn eine Sitzung öffnet, danach im Intervall (leer: nichts wird gesendet). Eine Vorlage: {{uuid}}, {{now}}, {{stream.index}} (die Nummer der Nachricht). Eine Nachricht, die unverändert zurückkommt, ergibt die Umlaufzeit.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>once</source>
        <translation>einmal</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Each session sends the message again after this long; &quot;once&quot;: only when it opens</source>
        <translation>Jede Sitzung sendet die Nachricht nach dieser Zeit erneut; „einmal“: nur beim Öffnen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Messa&amp;ge:</source>
        <translation>Nachrich&amp;t:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E&amp;very:</source>
        <translation>Interva&amp;ll:</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::LoadSettingsSide</name>
    <message>
        <location filename="../ui/load/loadsettingsside.cpp" line="+98"/>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Check the requests to send; double-click one to edit its parameter templates, headers and body</source>
        <translation>Die zu sendenden Anfragen ankreuzen; ein Doppelklick auf eine Anfrage bearbeitet ihre Parametervorlagen, Header und ihren Body</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit the selected request: parameter templates, headers, body</source>
        <translation>Die ausgewählte Anfrage bearbeiten: Parametervorlagen, Header, Body</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add…</source>
        <translation>Hinzufügen…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add a request that is not a route</source>
        <translation>Eine Anfrage hinzufügen, die keine Route ist</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the selected request from the mix</source>
        <translation>Die ausgewählte Anfrage aus dem Mix entfernen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replace the mix with the workspace&apos;s routes (enabled ones checked)</source>
        <translation>Den Mix durch die Routen des Arbeitsbereichs ersetzen (aktivierte angekreuzt)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Keys whose secret this app holds (created or rotated here). Each request draws one by weight and is counted under its tier.</source>
        <translation>Schlüssel, deren Secret dieser App vorliegt (hier erstellt oder rotiert). Jede Anfrage zieht einen davon nach Gewicht und wird unter seinem Tarif gezählt.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Create a test key per tier</source>
        <translation>Einen Testschlüssel pro Tarif erstellen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Make one key for every tier that has none in the pool (Edit ▸ Undo removes them)</source>
        <translation>Einen Schlüssel für jeden Tarif erstellen, der noch keinen im Pool hat (Bearbeiten ▸ Rückgängig entfernt sie wieder)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Authorization: Bearer</source>
        <translation>Authorization: Bearer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The header keys are sent in; the embedded server accepts both</source>
        <translation>Der Header, in dem die Schlüssel gesendet werden; der eingebettete Server akzeptiert beide</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send &amp;in:</source>
        <translation>S&amp;enden per:</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Could not create a key: %1</source>
        <translation>Ein Schlüssel konnte nicht erstellt werden: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Every tier already has a key in the pool.</source>
        <translation>Jeder Tarif hat bereits einen Schlüssel im Pool.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Create test keys</source>
        <translation>Testschlüssel erstellen</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Created %n test key(s): %1. Undo removes them.</source>
        <translation>
            <numerusform>%n Testschlüssel erstellt: %1. Rückgängig entfernt ihn wieder.</numerusform>
            <numerusform>%n Testschlüssel erstellt: %1. Rückgängig entfernt sie wieder.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+151"/>
        <source>Cannot start: %1</source>
        <translation>Start nicht möglich: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cannot start:</source>
        <translation>Start nicht möglich:</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Route mix (%1)</source>
        <translation>Routenmix (%1)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Key pool (%1)</source>
        <translation>Schlüsselpool (%1)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Thresholds (%1)</source>
        <translation>Schwellwerte (%1)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Thresholds (%1) ⚠</source>
        <translation>Schwellwerte (%1) ⚠</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pass/fail conditions of the run</source>
        <translation>Bestanden/Nicht-bestanden-Bedingungen des Laufs</translation>
    </message>
    <message numerus="yes">
        <location line="+89"/>
        <source>%n request(s) of the mix need a key and the pool sends none: the server will answer them 401. Create a test key per tier, or check keys whose secret the app holds.</source>
        <translation>
            <numerusform>%n Anfrage des Mixes braucht einen Schlüssel, doch der Pool sendet keinen: Der Server wird sie mit 401 beantworten. Erstellen Sie einen Testschlüssel pro Tarif oder kreuzen Sie Schlüssel an, deren Secret der App vorliegt.</numerusform>
            <numerusform>%n Anfragen des Mixes brauchen einen Schlüssel, doch der Pool sendet keinen: Der Server wird sie mit 401 beantworten. Erstellen Sie einen Testschlüssel pro Tarif oder kreuzen Sie Schlüssel an, deren Secret der App vorliegt.</numerusform>
        </translation>
    </message>
    <message>
        <location line="-38"/>
        <source>WebSocket run: every session opens the target URL.</source>
        <translation>WebSocket-Lauf: Jede Sitzung öffnet die Ziel-URL.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>WebSocket run: no checked entry can open a session (a GET of a WebSocket route), so every session opens the target URL.</source>
        <translation>WebSocket-Lauf: Kein markierter Eintrag kann eine Sitzung öffnen (ein GET einer WebSocket-Route), daher öffnet jede Sitzung die Ziel-URL.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>WebSocket run: sessions open %1.</source>
        <translation>WebSocket-Lauf: Sitzungen öffnen %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>WebSocket run: sessions open %1; the other checked entries are not WebSocket routes and sit it out.</source>
        <translation>WebSocket-Lauf: Sitzungen öffnen %1; die anderen markierten Einträge sind keine WebSocket-Routen und setzen aus.</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::LoadSliceModel</name>
    <message>
        <location filename="../ui/load/loadslicemodel.cpp" line="+12"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+148"/>
        <source>Share of all requests of the run (answered and failed)</source>
        <translation>Anteil an allen Anfragen des Laufs (beantwortete und fehlgeschlagene)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>429 Too Many Requests: rate limit or quota (included in 4xx)</source>
        <translation>429 Too Many Requests: Ratenbegrenzung oder Kontingent (in 4xx enthalten)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Requests without an HTTP answer: connect, timeout, reset, protocol</source>
        <translation>Anfragen ohne HTTP-Antwort: Verbindungsaufbau, Timeout, Abbruch, Protokoll</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Share</source>
        <translation>Anteil</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>req/s</source>
        <translation>Anf./s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>p50</source>
        <translation>p50</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>p90</source>
        <translation>p90</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>p99</source>
        <translation>p99</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Max</source>
        <translation>Max.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>2xx</source>
        <translation>2xx</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>4xx</source>
        <translation>4xx</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>429</source>
        <translation>429</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>5xx</source>
        <translation>5xx</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::LoadSummaryView</name>
    <message>
        <location filename="../ui/load/loadsummaryview.cpp" line="+59"/>
        <location line="+160"/>
        <source>requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <location line="-160"/>
        <location line="+162"/>
        <source>Answered requests in the measured part (any status)</source>
        <translation>Beantwortete Anfragen im gemessenen Teil (beliebiger Status)</translation>
    </message>
    <message>
        <location line="-161"/>
        <location line="+162"/>
        <source>req/s</source>
        <translation>Anf./s</translation>
    </message>
    <message>
        <location line="-162"/>
        <location line="+163"/>
        <source>Answered requests per second of measured time</source>
        <translation>Beantwortete Anfragen pro Sekunde Messzeit</translation>
    </message>
    <message>
        <location line="-162"/>
        <source>p50</source>
        <translation>p50</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Half of the answers took at most this long</source>
        <translation>Die Hälfte der Antworten dauerte höchstens so lange</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>p90</source>
        <translation>p90</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>90 % of the answers took at most this long</source>
        <translation>90 % der Antworten dauerten höchstens so lange</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>p99</source>
        <translation>p99</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>99 % of the answers took at most this long</source>
        <translation>99 % der Antworten dauerten höchstens so lange</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>p99.9</source>
        <translation>p99,9</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>99.9 % of the answers took at most this long</source>
        <translation>99,9 % der Antworten dauerten höchstens so lange</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>max</source>
        <translation>max.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The slowest answer</source>
        <translation>Die langsamste Antwort</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no answer</source>
        <translation>keine Antwort</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requests that got no HTTP answer: connect errors, timeouts, resets, protocol errors</source>
        <translation>Anfragen ohne HTTP-Antwort: Verbindungsfehler, Timeouts, Verbindungsabbrüche, Protokollfehler</translation>
    </message>
    <message>
        <location line="+71"/>
        <location line="+86"/>
        <source>Latency distribution (measured part)</source>
        <translation>Latenzverteilung (gemessener Teil)</translation>
    </message>
    <message>
        <location line="-56"/>
        <source>No results yet. Set up a run on the left and start it (Ctrl+Return); its summary shows here, and every run is kept under .tollgate/loadruns.</source>
        <translation>Noch keine Ergebnisse. Richten Sie links einen Lauf ein und starten Sie ihn (Strg+Return); seine Zusammenfassung erscheint hier, und jeder Lauf wird unter .tollgate/loadruns aufbewahrt.</translation>
    </message>
    <message>
        <location line="+107"/>
        <source>%1xx</source>
        <translation>%1xx</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Status codes: none yet</source>
        <translation>Statuscodes: noch keine</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status codes: %1</source>
        <translation>Statuscodes: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Streams: %1 · events: %2 (%3/s) · tokens: %4 (%5/s)</source>
        <translation>Streams: %1 · Events: %2 (%3/s) · Tokens: %4 (%5/s)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>first event: p50 %1, p99 %2</source>
        <translation>erstes Event: p50 %1, p99 %2</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>%1 measured</source>
        <translation>%1 gemessen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>stopped by the threshold %1</source>
        <translation>beendet durch den Schwellwert %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>stopped before the end</source>
        <translation>vor dem Ende gestoppt</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No errors: every request got an HTTP answer.</source>
        <translation>Keine Fehler: Jede Anfrage hat eine HTTP-Antwort erhalten.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Errors: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Target: %1</source>
        <translation>Ziel: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+55"/>
        <source>warm-up: %1 requests not counted</source>
        <translation>Aufwärmphase: %1 Anfragen nicht gezählt</translation>
    </message>
    <message>
        <location line="-52"/>
        <source>missed: %1 requests were due but not sent (every connection was busy)</source>
        <translation>verpasst: %1 Anfragen waren fällig, wurden aber nicht gesendet (alle Verbindungen waren belegt)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>missed: none</source>
        <translation>verpasst: keine</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 received</source>
        <translation>%1 empfangen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Problem: %1</source>
        <translation>Problem: %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>So far: %1 measured</source>
        <translation>Bisher: %1 gemessen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warming up: nothing measured yet</source>
        <translation>Aufwärmphase: noch nichts gemessen</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No errors so far.</source>
        <translation>Bisher keine Fehler.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 requests without an answer so far (by kind when the run ends).</source>
        <translation>Bisher %1 Anfragen ohne Antwort (nach Art aufgeschlüsselt, wenn der Lauf endet).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exact status codes, errors by kind and the per-tier and per-route tables come with the report when the run ends.</source>
        <translation>Genaue Statuscodes, Fehler nach Art und die Tabellen pro Tarif und pro Route folgen mit dem Bericht, wenn der Lauf endet.</translation>
    </message>
    <message>
        <location line="-220"/>
        <source>sessions</source>
        <translation>Sitzungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WebSocket sessions opened in the measured part</source>
        <translation>WebSocket-Sitzungen im gemessenen Teil</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>msg/s in</source>
        <translation>Nachr./s empf.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Messages received per second of measured time, all sessions together</source>
        <translation>Empfangene Nachrichten pro Sekunde gemessener Zeit, alle Sitzungen zusammen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Handshake time distribution (measured part)</source>
        <translation>Verteilung der Handshake-Zeit (gemessener Teil)</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>Sessions: %1 opened, %2 held to the end · messages in: %3 (%4/s) · out: %5 (%6/s)</source>
        <translation>Sitzungen: %1 geöffnet, %2 bis zum Ende gehalten · Nachrichten empfangen: %3 (%4/s) · gesendet: %5 (%6/s)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>p50 %1, p99 %2</source>
        <translation>p50 %1, p99 %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>first message: %1</source>
        <translation>erste Nachricht: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>round trip: %1</source>
        <translation>Umlaufzeit: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Closed by the server: %1</source>
        <translation>Vom Server geschlossen: %1</translation>
    </message>
    <message>
        <location line="+110"/>
        <source>So far: messages in: %1 (%2/s) · out: %3 (%4/s)</source>
        <translation>Bisher: Nachrichten empfangen: %1 (%2/s) · gesendet: %3 (%4/s)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>So far: events: %1 (%2/s)</source>
        <translation>Bisher: Events: %1 (%2/s)</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::LoadTargetDialog</name>
    <message>
        <location filename="../ui/load/loadtargetdialog.cpp" line="+47"/>
        <source>Edit Request of the Mix</source>
        <translation>Anfrage des Mixes bearbeiten</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Label in reports (default: method and path)</source>
        <translation>Bezeichnung in Berichten (Standard: Methode und Pfad)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Appended to the target URL. {name} is a parameter filled from its template below; a query may follow.</source>
        <translation>Wird an die Ziel-URL angehängt. {name} ist ein Parameter, der aus seiner Vorlage unten gefüllt wird; ein Query-String darf folgen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Parameter</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Template</source>
        <translation>Vorlage</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Templates are rendered for every request: {{#randomInt}}1 100{{/randomInt}}, {{uuid}}, {{now}}; headers and body may use {{request.params.&lt;name&gt;}} for the values drawn.</source>
        <translation>Vorlagen werden für jede Anfrage gerendert: {{#randomInt}}1 100{{/randomInt}}, {{uuid}}, {{now}}; Header und Body können mit {{request.params.&lt;name&gt;}} die gezogenen Werte verwenden.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Header</source>
        <translation>Header</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Request:</source>
        <translation>An&amp;frage:</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+31"/>
        <source>Path parameters:</source>
        <translation>Pfadparameter:</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>Headers:</source>
        <translation>Header:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Body:</source>
        <translation>Body:</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Path parameters: none (write {name} in the path to draw a value per request)</source>
        <translation>Pfadparameter: keine (schreiben Sie {name} in den Pfad, um pro Anfrage einen Wert zu ziehen)</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::LoadThresholdModel</name>
    <message>
        <location filename="../ui/load/loadthresholdmodel.cpp" line="+54"/>
        <source>(empty: type a threshold such as p95&lt;200ms)</source>
        <translation>(leer: einen Schwellwert eingeben, etwa p95&lt;200ms)</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Threshold</source>
        <translation>Schwellwert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checks</source>
        <translation>Prüft</translation>
    </message>
    <message>
        <location line="+121"/>
        <source>p%1 latency</source>
        <translation>p%1-Latenz</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>slowest answer</source>
        <translation>langsamste Antwort</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>mean latency</source>
        <translation>mittlere Latenz</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>requests without an answer</source>
        <translation>Anfragen ohne Antwort</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 answers</source>
        <translation>%1-Antworten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1xx answers</source>
        <translation>%1xx-Antworten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>answers per second</source>
        <translation>Antworten pro Sekunde</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>cost per answer</source>
        <translation>Kosten pro Antwort</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>price per answer</source>
        <translation>Preis pro Antwort</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>margin per answer</source>
        <translation>Marge pro Antwort</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>revenue per second</source>
        <translation>Umsatz pro Sekunde</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>share of a month&apos;s quota a key would use</source>
        <translation>Anteil des Monatskontingents, den ein Schlüssel verbrauchen würde</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 of tier %2</source>
        <translation>%1 der Stufe %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 below %2</source>
        <translation>%1 unter %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 at most %2</source>
        <translation>%1 höchstens %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 above %2</source>
        <translation>%1 über %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 at least %2</source>
        <translation>%1 mindestens %2</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::LoadThresholdText</name>
    <message>
        <location filename="../ui/load/loadthresholdtext.cpp" line="+24"/>
        <source>✓ pass</source>
        <translation>✓ erfüllt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>✗ fail</source>
        <translation>✗ verletzt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>… waiting</source>
        <translation>… wartet</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>first failed at %1 s of measuring</source>
        <translation>zuerst verletzt nach %1 s Messung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>stopped the run</source>
        <translation>hat den Lauf beendet</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Thresholds so far: %1 of %2 failing</source>
        <translation>Schwellwerte bisher: %1 von %2 verletzt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thresholds: %1 of %2 passed</source>
        <translation>Schwellwerte: %1 von %2 erfüllt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the run was stopped by %1</source>
        <translation>der Lauf wurde durch %1 beendet</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::LoadThresholdsEditor</name>
    <message>
        <location filename="../ui/load/loadthresholdseditor.cpp" line="+43"/>
        <source>Pass/fail conditions checked every second of measuring and at the end: p95&lt;200ms, errors&lt;1%, status429{tier=free}&lt;5%, rps&gt;=500, cost&lt;$0.002, margin&gt;$0, quota_burn{tier=pro}&lt;100%</source>
        <translation>Bestanden/Nicht-bestanden-Bedingungen, geprüft in jeder Sekunde der Messung und am Ende: p95&lt;200ms, errors&lt;1%, status429{tier=free}&lt;5%, rps&gt;=500, cost&lt;$0.002, margin&gt;$0, quota_burn{tier=pro}&lt;100%</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add a threshold</source>
        <translation>Einen Schwellwert hinzufügen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove the selected threshold</source>
        <translation>Den ausgewählten Schwellwert entfernen</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Stop the run at the first failing threshold</source>
        <translation>Den Lauf beim ersten verletzten Schwellwert beenden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Without it the run goes to its end and every threshold is reported</source>
        <translation>Ohne dies läuft der Test bis zum Ende und jeder Schwellwert wird berichtet</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Checked each second of measuring and at the end</source>
        <translation>Geprüft in jeder Sekunde der Messung und am Ende</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::LocalEngine</name>
    <message>
        <location filename="../ui/engine/localengine.cpp" line="+274"/>
        <source>A load test is already running.</source>
        <translation>Ein Lasttest läuft bereits.</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::LocalTls</name>
    <message>
        <location filename="../ui/engine/localtls.cpp" line="+99"/>
        <source>Cannot create the folder %1.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The local certificate authority in %1 cannot be read: %2</source>
        <translation>Die lokale Zertifizierungsstelle in %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The local certificate authority in %1 is damaged (%2). Move the folder away to have a new one made; anything that trusts the old one must then trust the new one instead.</source>
        <translation>Die lokale Zertifizierungsstelle in %1 ist beschädigt (%2). Verschieben Sie den Ordner, damit eine neue erstellt wird; alles, was der alten vertraut, muss dann stattdessen der neuen vertrauen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ca.pem is not a CA certificate</source>
        <translation>ca.pem ist kein CA-Zertifikat</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The local certificate authority in %1 is incomplete (ca.pem and ca.key belong together). Move the folder away to have a new one made.</source>
        <translation>Die lokale Zertifizierungsstelle in %1 ist unvollständig (ca.pem und ca.key gehören zusammen). Verschieben Sie den Ordner, damit eine neue erstellt wird.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cannot make a certificate authority: %1</source>
        <translation>Die Zertifizierungsstelle kann nicht erstellt werden: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot save the certificate authority: %1</source>
        <translation>Die Zertifizierungsstelle kann nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Cannot make a server certificate: %1</source>
        <translation>Das Serverzertifikat kann nicht erstellt werden: %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cannot save the server certificate: %1</source>
        <translation>Das Serverzertifikat kann nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cannot read the server certificate: %1</source>
        <translation>Das Serverzertifikat kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1, valid until %2
SHA-256 %3</source>
        <translation>%1, gültig bis %2
SHA-256 %3</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The local certificate authority cannot be read.</source>
        <translation>Die lokale Zertifizierungsstelle kann nicht gelesen werden.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::MainWindow</name>
    <message>
        <location filename="../ui/shell/windowstatusbar.cpp" line="+49"/>
        <source>Could not save: %1</source>
        <translation>Speichern fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The workspace changed on disk and was reloaded; your last unsaved edit was replaced.</source>
        <translation>Der Arbeitsbereich wurde auf der Festplatte geändert und neu geladen; Ihre letzte ungespeicherte Änderung wurde ersetzt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The workspace changed on disk and was reloaded.</source>
        <translation>Der Arbeitsbereich wurde auf der Festplatte geändert und neu geladen.</translation>
    </message>
    <message>
        <location filename="../ui/shell/windowmenus.cpp" line="+51"/>
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
        <location line="+26"/>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <location filename="../ui/shell/routedesigner.cpp" line="+74"/>
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
        <location filename="../ui/shell/windowmenus.cpp" line="+124"/>
        <source>&amp;About Tollgate</source>
        <translation>Ü&amp;ber Tollgate</translation>
    </message>
    <message>
        <location line="-148"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../ui/shell/workspacefiles.cpp" line="+32"/>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <location filename="../ui/shell/windowmenus.cpp" line="+29"/>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>&amp;Server</source>
        <translation>&amp;Server</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location line="+4"/>
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
        <location line="+12"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <location filename="../ui/shell/routedesigner.cpp" line="+11"/>
        <source>Filter routes</source>
        <translation>Routen filtern</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>On</source>
        <translation>An</translation>
    </message>
    <message>
        <location filename="../ui/shell/mainwindow.cpp" line="+163"/>
        <location filename="../ui/shell/routedesigner.cpp" line="+14"/>
        <source>Routes</source>
        <translation>Routen</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Traffic Log</source>
        <translation>Anfrageprotokoll</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+137"/>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
    <message>
        <location line="-91"/>
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
        <location filename="../ui/shell/workspacefiles.cpp" line="+10"/>
        <location line="+24"/>
        <location line="+53"/>
        <source>Open Workspace</source>
        <translation>Arbeitsbereich öffnen</translation>
    </message>
    <message>
        <location line="-76"/>
        <source>The folder %1 does not exist.</source>
        <translation>Der Ordner %1 existiert nicht.</translation>
    </message>
    <message>
        <location line="+11"/>
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
        <location line="+12"/>
        <source>Cannot open %1:
%2</source>
        <translation>%1 kann nicht geöffnet werden:
%2</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
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
        <location line="+4"/>
        <location line="+11"/>
        <source>New Workspace</source>
        <translation>Neuer Arbeitsbereich</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>%1 already holds a workspace. Open it instead?</source>
        <translation>In %1 liegt bereits ein Arbeitsbereich. Stattdessen diesen öffnen?</translation>
    </message>
    <message>
        <location line="+11"/>
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
        <location filename="../ui/shell/windowstatusbar.cpp" line="+58"/>
        <location filename="../ui/shell/workspacefiles.cpp" line="+14"/>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <location filename="../ui/shell/workspacefiles.cpp" line="+16"/>
        <source>Copied %1</source>
        <translation>%1 kopiert</translation>
    </message>
    <message>
        <location filename="../ui/shell/routedesigner.cpp" line="+70"/>
        <source>New route</source>
        <translation>Neue Route</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Duplicate route</source>
        <translation>Route duplizieren</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Deleted %1. %2 undoes it.</source>
        <translation>%1 gelöscht. %2 macht es rückgängig.</translation>
    </message>
    <message>
        <location filename="../ui/shell/windowmenus.cpp" line="+39"/>
        <source>About Tollgate</source>
        <translation>Über Tollgate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;Tollgate %1&lt;/h3&gt;&lt;p&gt;A native workbench for designing, serving and testing HTTP APIs before the real service exists.&lt;/p&gt;&lt;p&gt;Built with Qt %2.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Tollgate %1&lt;/h3&gt;&lt;p&gt;Eine native Werkbank, um HTTP-APIs zu entwerfen, bereitzustellen und zu testen, bevor es den echten Dienst gibt.&lt;/p&gt;&lt;p&gt;Erstellt mit Qt %2.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/shell/mainwindow.cpp" line="+79"/>
        <source>Tollgate</source>
        <translation>Tollgate</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 — Tollgate</source>
        <translation>%1 — Tollgate</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/shell/windowstatusbar.cpp" line="-27"/>
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
        <location line="+4"/>
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
        <location line="-41"/>
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n Problem</numerusform>
            <numerusform>%n Probleme</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/shell/mainwindow.cpp" line="+8"/>
        <source>Problems (%1)</source>
        <translation>Probleme (%1)</translation>
    </message>
    <message>
        <location line="-174"/>
        <source>Keys &amp;&amp; Tiers</source>
        <translation>Schlüssel &amp;&amp; Tarife</translation>
    </message>
    <message>
        <location line="-73"/>
        <source>&amp;Upstream Settings…</source>
        <translation>&amp;Upstream-Einstellungen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The fallback upstream and the private addresses upstreams may reach</source>
        <translation>Der Fallback-Upstream und die privaten Adressen, die Upstreams erreichen dürfen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Limits…</source>
        <translation>&amp;Grenzen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Request sizes, timeouts and connections per client address</source>
        <translation>Anfragegrößen, Zeitlimits und Verbindungen pro Client-Adresse</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Design routes and their responses (Ctrl+1)</source>
        <translation>Routen und ihre Antworten entwerfen (Strg+1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pricing tiers, API keys and their usage (Ctrl+2)</source>
        <translation>Preistarife, API-Schlüssel und ihre Nutzung (Strg+2)</translation>
    </message>
    <message>
        <location filename="../ui/shell/windowmenus.cpp" line="-149"/>
        <source>&amp;Routes</source>
        <translation>&amp;Routen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keys &amp;&amp; Tiers</source>
        <translation>&amp;Schlüssel &amp;&amp; Tarife</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>&amp;Keys</source>
        <translation>Sch&amp;lüssel</translation>
    </message>
    <message>
        <location filename="../ui/shell/mainwindow.cpp" line="-4"/>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Send test requests and keep them (Ctrl+3)</source>
        <translation>Testanfragen senden und aufbewahren (Strg+3)</translation>
    </message>
    <message>
        <location filename="../ui/shell/windowmenus.cpp" line="-36"/>
        <source>Re&amp;quests</source>
        <translation>A&amp;nfragen</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>&amp;Requests</source>
        <translation>A&amp;nfragen</translation>
    </message>
    <message>
        <location filename="../ui/shell/mainwindow.cpp" line="-4"/>
        <source>Metrics</source>
        <translation>Metriken</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Requests, latency, errors, cost and revenue of the served traffic (Ctrl+4)</source>
        <translation>Anfragen, Latenz, Fehler, Kosten und Umsatz des bedienten Verkehrs (Strg+4)</translation>
    </message>
    <message>
        <location filename="../ui/shell/windowmenus.cpp" line="-45"/>
        <source>&amp;Metrics</source>
        <translation>&amp;Metriken</translation>
    </message>
    <message>
        <location filename="../ui/shell/mainwindow.cpp" line="-5"/>
        <source>Load</source>
        <translation>Lasttest</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Load-test the embedded server or any URL, and compare runs (Ctrl+5)</source>
        <translation>Den eingebetteten Server oder eine beliebige URL unter Last testen und Läufe vergleichen (Strg+5)</translation>
    </message>
    <message>
        <location filename="../ui/shell/windowmenus.cpp" line="+1"/>
        <location line="+59"/>
        <source>&amp;Load</source>
        <translation>Las&amp;ttest</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::MetricColumns</name>
    <message>
        <location filename="../ui/metrics/metriccolumns.cpp" line="+9"/>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Req/s</source>
        <translation>Anfr./s</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Requests/s</source>
        <translation>Anfragen/s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>p50</source>
        <translation>p50</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>p95</source>
        <translation>p95</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>p99</source>
        <translation>p99</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>4xx</source>
        <translation>4xx</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>5xx</source>
        <translation>5xx</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cost/req</source>
        <translation>Kosten/Anfr.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cost/request</source>
        <translation>Kosten/Anfrage</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Revenue/req</source>
        <translation>Umsatz/Anfr.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Revenue/request</source>
        <translation>Umsatz/Anfrage</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Margin/req</source>
        <translation>Marge/Anfr.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Margin/request</source>
        <translation>Marge/Anfrage</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::MetricsCharts</name>
    <message>
        <location filename="../ui/metrics/metricscharts.cpp" line="+71"/>
        <source>Requests per second</source>
        <translation>Anfragen pro Sekunde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>requests/s</source>
        <translation>Anfragen/s</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Latency (ms, log scale)</source>
        <translation>Latenz (ms, logarithmisch)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>p50</source>
        <translation>p50</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>p95</source>
        <translation>p95</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>p99</source>
        <translation>p99</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Error rate (% of requests)</source>
        <translation>Fehlerrate (% der Anfragen)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>4xx</source>
        <translation>4xx</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>5xx</source>
        <translation>5xx</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+23"/>
        <location line="+9"/>
        <source>all tiers</source>
        <translation>alle Tarife</translation>
    </message>
    <message>
        <location line="-28"/>
        <location line="+34"/>
        <source>Margin</source>
        <translation>Marge</translation>
    </message>
    <message>
        <location line="-33"/>
        <location line="+32"/>
        <source>Revenue</source>
        <translation>Umsatz</translation>
    </message>
    <message>
        <location line="-31"/>
        <location line="+30"/>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>What the chart shows per request, by tier</source>
        <translation>Was das Diagramm pro Anfrage und Tarif zeigt</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Latency distribution of the window</source>
        <translation>Latenzverteilung im Zeitraum</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Tokens per second by tier</source>
        <translation>Tokens pro Sekunde nach Tarif</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The money of a tier&apos;s requests in each step divided by their tokens (requests without tokens included): filter by a route to see that route alone</source>
        <translation>Das Geld der Anfragen eines Tarifs in jedem Schritt geteilt durch ihre Tokens (Anfragen ohne Tokens eingeschlossen): Filtern Sie nach einer Route, um nur diese zu sehen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>What the chart shows per 1,000 tokens, by tier</source>
        <translation>Was das Diagramm pro 1.000 Tokens und Tarif zeigt</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Revenue per request by tier (USD)</source>
        <translation>Umsatz pro Anfrage nach Tarif (USD)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cost per request by tier (USD)</source>
        <translation>Kosten pro Anfrage nach Tarif (USD)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Margin per request by tier (USD)</source>
        <translation>Marge pro Anfrage nach Tarif (USD)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Revenue per 1,000 tokens by tier (USD)</source>
        <translation>Umsatz pro 1.000 Tokens nach Tarif (USD)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Margin per 1,000 tokens by tier (USD)</source>
        <translation>Marge pro 1.000 Tokens nach Tarif (USD)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cost per 1,000 tokens by tier (USD)</source>
        <translation>Kosten pro 1.000 Tokens nach Tarif (USD)</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::MetricsExport</name>
    <message>
        <location filename="../ui/metrics/metricsexport.cpp" line="+23"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Cannot write %1.</source>
        <translation>%1 kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Export Charts</source>
        <translation>Diagramme exportieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Saved the charts to %1</source>
        <translation>Diagramme gespeichert in %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export Data</source>
        <translation>Daten exportieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Saved the series to %1 and the routes to %2</source>
        <translation>Zeitreihe gespeichert in %1, Routen in %2</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::MetricsFormat</name>
    <message>
        <location filename="../ui/common/metricsformat.cpp" line="+19"/>
        <location line="+38"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 d</source>
        <translation>%1 T</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 d %2 h</source>
        <translation>%1 T %2 h</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::MetricsPanel</name>
    <message>
        <location filename="../ui/metrics/metricspanel.cpp" line="+86"/>
        <source>Double-click a route to chart only its requests</source>
        <translation>Doppelklick auf eine Route zeigt nur ihre Anfragen in den Diagrammen</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>The last update took %1 ms on the GUI thread</source>
        <translation>Die letzte Aktualisierung dauerte %1 ms im GUI-Thread</translation>
    </message>
    <message>
        <location line="+172"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Waiting for the first numbers…</source>
        <translation>Warte auf die ersten Zahlen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server is stopped: start it and send requests to see them here.</source>
        <translation>Der Server ist gestoppt: Starten Sie ihn und senden Sie Anfragen, um sie hier zu sehen.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln request(s)</source>
        <translation>
            <numerusform>%Ln Anfrage</numerusform>
            <numerusform>%Ln Anfragen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>server stopped</source>
        <translation>Server gestoppt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no metrics database: only the last minutes kept in memory</source>
        <translation>keine Metrikdatenbank: nur die letzten Minuten im Speicher</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n request(s) not recorded (metering could not keep up)</source>
        <translation>
            <numerusform>%n Anfrage nicht erfasst (die Messung kam nicht hinterher)</numerusform>
            <numerusform>%n Anfragen nicht erfasst (die Messung kam nicht hinterher)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n row(s) of metrics not stored</source>
        <translation>
            <numerusform>%n Metrikzeile nicht gespeichert</numerusform>
            <numerusform>%n Metrikzeilen nicht gespeichert</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Storage: %1</source>
        <translation>Speicherung: %1</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::MetricsSeriesModel</name>
    <message>
        <location filename="../ui/metrics/metricsseriesmodel.cpp" line="+136"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::MetricsTables</name>
    <message>
        <location filename="../ui/metrics/metricstables.cpp" line="+11"/>
        <source>Quota burn per key</source>
        <translation>Kontingentverbrauch pro Schlüssel</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Routes</source>
        <translation>Routen</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Upstream calls since Tollgate started</source>
        <translation>Upstream-Aufrufe seit dem Start von Tollgate</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::MetricsToolbar</name>
    <message>
        <location filename="../ui/metrics/metricstoolbar.cpp" line="+75"/>
        <source>Live: last 5 minutes</source>
        <translation>Live: letzte 5 Minuten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Live: last minute</source>
        <translation>Live: letzte Minute</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last hour</source>
        <translation>Letzte Stunde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custom…</source>
        <translation>Eigener Zeitraum…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Live windows update four times a second; the others are read from the workspace&apos;s metrics database</source>
        <translation>Live-Zeiträume werden viermal pro Sekunde aktualisiert; die anderen werden aus der Metrikdatenbank des Arbeitsbereichs gelesen</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show only the requests of one route</source>
        <translation>Nur die Anfragen einer Route zeigen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show only requests made with keys of one tier</source>
        <translation>Nur Anfragen mit Schlüsseln eines Tarifs zeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show only the requests of one key</source>
        <translation>Nur die Anfragen eines Schlüssels zeigen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export PNG…</source>
        <translation>Als PNG exportieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the charts as a picture</source>
        <translation>Die Diagramme als Bild speichern</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export CSV…</source>
        <translation>Als CSV exportieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the series and the route table of this window as CSV files</source>
        <translation>Die Zeitreihe und die Routentabelle dieses Zeitraums als CSV-Dateien speichern</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Window:</source>
        <translation>&amp;Zeitraum:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Route:</source>
        <translation>&amp;Route:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Tier:</source>
        <translation>&amp;Tarif:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Key:</source>
        <translation>Sc&amp;hlüssel:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;History:</source>
        <translation>&amp;Verlauf:</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <location line="+12"/>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How long the per-minute history in .tollgate/metrics.db is kept (per-second history: one day)</source>
        <translation>Wie lange der minütliche Verlauf in .tollgate/metrics.db aufbewahrt wird (sekündlicher Verlauf: ein Tag)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Change metrics history</source>
        <translation>Metrik-Verlauf ändern</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>No matching route</source>
        <translation>Keine passende Route</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No tier (no key)</source>
        <translation>Kein Tarif (ohne Schlüssel)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No key</source>
        <translation>Ohne Schlüssel</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::MetricsWindow</name>
    <message numerus="yes">
        <location filename="../ui/metrics/metricswindow.cpp" line="+100"/>
        <source>%n-minute steps</source>
        <translation>
            <numerusform>Schritte von %n Minute</numerusform>
            <numerusform>Schritte von %n Minuten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n-second steps</source>
        <translation>
            <numerusform>Schritte von %n Sekunde</numerusform>
            <numerusform>Schritte von %n Sekunden</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Live, last 5 minutes</source>
        <translation>Live, letzte 5 Minuten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Live, last minute</source>
        <translation>Live, letzte Minute</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last hour, %1</source>
        <translation>Letzte Stunde, %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last 24 hours, %1</source>
        <translation>Letzte 24 Stunden, %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 to %2, %3</source>
        <translation>%1 bis %2, %3</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::Money</name>
    <message>
        <location filename="../ui/common/money.cpp" line="+80"/>
        <source>&quot;%1&quot; is not an amount in USD; write it like 0.002 or 29.</source>
        <translation>„%1“ ist kein Betrag in USD; schreiben Sie ihn etwa als 0,002 oder 29.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Enter an amount in USD, for example 0.002.</source>
        <translation>Geben Sie einen Betrag in USD ein, zum Beispiel 0,002.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The amount cannot be negative.</source>
        <translation>Der Betrag darf nicht negativ sein.</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>At most six decimal places: the smallest amount is one micro-dollar (0.000001).</source>
        <translation>Höchstens sechs Nachkommastellen: Der kleinste Betrag ist ein Mikrodollar (0,000001).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The amount is too large.</source>
        <translation>Der Betrag ist zu groß.</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::NameValueModel</name>
    <message>
        <location filename="../ui/widgets/namevaluemodel.cpp" line="+126"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::NewKeyDialog</name>
    <message>
        <location filename="../ui/keys/newkeydialog.cpp" line="+21"/>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>New API Key</source>
        <translation>Neuer API-Schlüssel</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>New API key</source>
        <translation>Neuer API-Schlüssel</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Copy the key to the clipboard</source>
        <translation>Den Schlüssel in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&lt;b&gt;Copy the key now: it will not be shown again.&lt;/b&gt;&lt;br&gt;Tollgate stores only its SHA-256 hash, so a lost key cannot be recovered. If it is lost, rotate it to get a new one.</source>
        <translation>&lt;b&gt;Kopieren Sie den Schlüssel jetzt: Er wird nicht noch einmal angezeigt.&lt;/b&gt;&lt;br&gt;Tollgate speichert nur seinen SHA-256-Hash, ein verlorener Schlüssel lässt sich also nicht wiederherstellen. Geht er verloren, rotieren Sie ihn, um einen neuen zu erhalten.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>I Have Copied the Key</source>
        <translation>Ich habe den Schlüssel kopiert</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Copied to the clipboard.</source>
        <translation>In die Zwischenablage kopiert.</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::ProblemsView</name>
    <message>
        <location filename="../ui/shell/problemsview.cpp" line="+27"/>
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
    <name>tollgate::ui::QueryParamModel</name>
    <message>
        <location filename="../ui/requests/queryparammodel.cpp" line="+284"/>
        <source>Parameter</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::RequestBodyEditor</name>
    <message>
        <location filename="../ui/requests/requestbodyeditor.cpp" line="+84"/>
        <source>No body</source>
        <translation>Kein Body</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Form (URL-encoded)</source>
        <translation>Formular (URL-kodiert)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Multipart form</source>
        <translation>Multipart-Formular</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This request has no body.</source>
        <translation>Diese Anfrage hat keinen Body.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Request body; {{variables}} are replaced when sending</source>
        <translation>Anfrage-Body; {{variables}} werden beim Senden ersetzt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add Field</source>
        <translation>Feld hinzufügen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>In a multipart form, a value starting with @ sends that file</source>
        <translation>In einem Multipart-Formular sendet ein Wert, der mit @ beginnt, diese Datei</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>File to send as the body (streamed, not loaded)</source>
        <translation>Datei, die als Body gesendet wird (gestreamt, nicht vorab geladen)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Browse…</source>
        <translation>Durchsuchen …</translation>
    </message>
    <message>
        <location line="+114"/>
        <source>Body File</source>
        <translation>Body-Datei</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::RequestEditor</name>
    <message>
        <location filename="../ui/requests/requesteditor.cpp" line="+60"/>
        <source>HTTP method; type another one if you need it</source>
        <translation>HTTP-Methode; geben Sie bei Bedarf eine andere ein</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{{baseUrl}}/v1/users/42, or paste a curl command</source>
        <translation>{{baseUrl}}/v1/users/42, oder einen curl-Befehl einfügen</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Add Parameter</source>
        <translation>Parameter hinzufügen</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+3"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add Header</source>
        <translation>Header hinzufügen</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+120"/>
        <source>Params</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <location line="-119"/>
        <location line="+120"/>
        <source>Headers</source>
        <translation>Header</translation>
    </message>
    <message>
        <location line="-119"/>
        <source>Body</source>
        <translation>Body</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Auth</source>
        <translation>Auth</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Options</source>
        <translation>Optionen</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+123"/>
        <source>Tests</source>
        <translation>Tests</translation>
    </message>
    <message>
        <location line="-73"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stop the stream; what arrived stays (Esc)</source>
        <translation>Den Stream stoppen; was angekommen ist, bleibt (Esc)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop waiting for the response (Esc)</source>
        <translation>Nicht länger auf die Antwort warten (Esc)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send the request (Ctrl+Return)</source>
        <translation>Die Anfrage senden (Strg+Eingabe)</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Params (%1)</source>
        <translation>Parameter (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Headers (%1)</source>
        <translation>Header (%1)</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+1"/>
        <source>Tests (%1)</source>
        <translation>Tests (%1)</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::RequestHistory</name>
    <message>
        <location filename="../ui/requests/requesthistory.cpp" line="+28"/>
        <source>Could not write the history: %1</source>
        <translation>Der Verlauf konnte nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Could not clear the history: %1</source>
        <translation>Der Verlauf konnte nicht geleert werden: %1</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::RequestOptionsForm</name>
    <message>
        <location filename="../ui/requests/requestoptionsform.cpp" line="+12"/>
        <source>Follow redirects</source>
        <translation>Weiterleitungen folgen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ask for a compressed response (gzip, deflate)</source>
        <translation>Eine komprimierte Antwort anfordern (gzip, deflate)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verify TLS certificates</source>
        <translation>TLS-Zertifikate prüfen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>HTTP/1.1</source>
        <translation>HTTP/1.1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HTTP/2 when the server offers it</source>
        <translation>HTTP/2, wenn der Server es anbietet</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+5"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location line="-4"/>
        <location line="+5"/>
        <source>No limit</source>
        <translation>Unbegrenzt</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Time to connect and send the request</source>
        <translation>Zeit für den Verbindungsaufbau und das Senden der Anfrage</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Time for the whole exchange, body included; for an event stream, the longest silence once it has begun</source>
        <translation>Zeit für den gesamten Austausch, Body eingeschlossen; bei einem Event-Stream die längste Stille, nachdem er begonnen hat</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Protocol:</source>
        <translation>Protokoll:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connect timeout:</source>
        <translation>Verbindungs-Timeout:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total timeout:</source>
        <translation>Gesamt-Timeout:</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::RequestSender</name>
    <message>
        <location filename="../ui/requests/requestsender.cpp" line="+39"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../ui/requests/outgoingrequest.cpp" line="+193"/>
        <source>Enter a URL to send the request to.</source>
        <translation>Geben Sie die URL ein, an die die Anfrage gesendet werden soll.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Only http:// and https:// URLs can be sent, not %1://.</source>
        <translation>Gesendet werden können nur URLs mit http:// und https://, nicht mit %1://.</translation>
    </message>
    <message>
        <location filename="../ui/requests/replyfailure.cpp" line="+120"/>
        <source>The server&apos;s certificate is self-signed, so its identity cannot be verified.</source>
        <translation>Das Zertifikat des Servers ist selbstsigniert, daher lässt sich seine Identität nicht prüfen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The server&apos;s certificate is not issued by an authority this computer trusts, so its identity cannot be verified.</source>
        <translation>Das Zertifikat des Servers stammt nicht von einer Stelle, der dieser Rechner vertraut, daher lässt sich seine Identität nicht prüfen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server&apos;s certificate is not valid for %1.</source>
        <translation>Das Zertifikat des Servers ist für %1 nicht gültig.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server&apos;s certificate has expired.</source>
        <translation>Das Zertifikat des Servers ist abgelaufen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server&apos;s certificate was rejected: %1.</source>
        <translation>Das Zertifikat des Servers wurde abgelehnt: %1.</translation>
    </message>
    <message>
        <location filename="../ui/requests/requestsender.cpp" line="+50"/>
        <source>Could not connect to %1 within %2.</source>
        <translation>Die Verbindung zu %1 kam nicht innerhalb von %2 zustande.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The stream sent nothing for %1.</source>
        <translation>Der Stream hat %1 lang nichts gesendet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The request did not complete within %1.</source>
        <translation>Die Anfrage wurde nicht innerhalb von %1 abgeschlossen.</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stopped.</source>
        <translation>Gestoppt.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>&quot;%1&quot; is not a valid HTTP method.</source>
        <translation>„%1“ ist keine gültige HTTP-Methode.</translation>
    </message>
    <message>
        <location filename="../ui/requests/outgoingrequest.cpp" line="-57"/>
        <source>Could not read the file %1 for the form field &quot;%2&quot;: %3.</source>
        <translation>Die Datei %1 für das Formularfeld „%2“ konnte nicht gelesen werden: %3.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>&quot;%1&quot; has no scheme: start it with http:// or https://.</source>
        <translation>„%1“ hat kein Schema: Beginnen Sie die URL mit http:// oder https://.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&quot;%1&quot; is not a valid URL: %2.</source>
        <translation>„%1“ ist keine gültige URL: %2.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&quot;%1&quot; has no host name.</source>
        <translation>„%1“ hat keinen Hostnamen.</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Choose the file to send as the body.</source>
        <translation>Wählen Sie die Datei, die als Body gesendet werden soll.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Could not read the body file %1: %2.</source>
        <translation>Die Body-Datei %1 konnte nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <location filename="../ui/requests/responsespool.cpp" line="+44"/>
        <source>Could not create a temporary file for the response body: %1.</source>
        <translation>Für den Antwort-Body konnte keine temporäre Datei angelegt werden: %1.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+8"/>
        <source>Could not write the response body to %1: %2.</source>
        <translation>Der Antwort-Body konnte nicht in %1 geschrieben werden: %2.</translation>
    </message>
    <message>
        <location filename="../ui/requests/replyfailure.cpp" line="-49"/>
        <source>Could not connect to %1: connection refused.</source>
        <translation>Keine Verbindung zu %1: Verbindung abgelehnt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Could not find the host %1.</source>
        <translation>Der Host %1 wurde nicht gefunden.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The secure connection to %1 failed: %2.</source>
        <translation>Die sichere Verbindung zu %1 ist fehlgeschlagen: %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server closed the connection before the whole response arrived.</source>
        <translation>Der Server hat die Verbindung geschlossen, bevor die ganze Antwort angekommen ist.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server closed the connection without answering.</source>
        <translation>Der Server hat die Verbindung ohne Antwort geschlossen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The connection to %1 timed out.</source>
        <translation>Zeitüberschreitung bei der Verbindung zu %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server redirected from https:// to http://, which is not followed.</source>
        <translation>Der Server hat von https:// auf http:// weitergeleitet; dieser Weiterleitung wird nicht gefolgt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stopped after too many redirects.</source>
        <translation>Nach zu vielen Weiterleitungen abgebrochen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The request failed: %1.</source>
        <translation>Die Anfrage ist fehlgeschlagen: %1.</translation>
    </message>
    <message>
        <location filename="../ui/requests/requestsender.cpp" line="+213"/>
        <source>The response is still arriving.</source>
        <translation>Die Antwort wird noch empfangen.</translation>
    </message>
    <message>
        <location filename="../ui/requests/responsespool.cpp" line="+26"/>
        <location line="+19"/>
        <source>Could not write %1: %2.</source>
        <translation>%1 konnte nicht geschrieben werden: %2.</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>The response body is no longer available.</source>
        <translation>Der Antwort-Body ist nicht mehr verfügbar.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Could not read the response body: %1.</source>
        <translation>Der Antwort-Body konnte nicht gelesen werden: %1.</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::ResponseEditor</name>
    <message>
        <location filename="../ui/routes/responseeditor.cpp" line="+67"/>
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
        <location line="+3"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove the selected headers</source>
        <translation>Die ausgewählten Header entfernen</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Edit body</source>
        <translation>Body bearbeiten</translation>
    </message>
    <message>
        <location line="+20"/>
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
        <location line="+5"/>
        <source>Saved requests&apos; schema checks without a schema of their own check this route&apos;s answers against it</source>
        <translation>Schemaprüfungen gespeicherter Anfragen ohne eigenes Schema prüfen die Antworten dieser Route dagegen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Edit Sc&amp;hema…</source>
        <translation>Sc&amp;hema bearbeiten…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Schema:</source>
        <translation>Schema:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Headers</source>
        <translation>Header</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Body</source>
        <translation>Body</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>requires %1</source>
        <translation>verlangt %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>JSON Schema (%1 characters)%2</source>
        <translation>JSON Schema (%1 Zeichen)%2</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+9"/>
        <source>Answer Schema</source>
        <translation>Antwortschema</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>The JSON Schema of this answer&apos;s body (empty for none):</source>
        <translation>Das JSON Schema des Bodys dieser Antwort (leer für keines):</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This is not a JSON Schema: %1</source>
        <translation>Das ist kein JSON Schema: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Edit schema</source>
        <translation>Schema bearbeiten</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>(non-standard)</source>
        <translation>(nicht standardisiert)</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+3"/>
        <source>The body is served from %1, which cannot be read: %2</source>
        <translation>Der Body wird aus %1 ausgeliefert, die nicht gelesen werden kann: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Served from %1 (read-only preview of the first MiB).</source>
        <translation>Ausgeliefert aus %1 (schreibgeschützte Vorschau des ersten MiB).</translation>
    </message>
    <message>
        <location line="+1"/>
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
    <name>tollgate::ui::ResponseViewer</name>
    <message>
        <location filename="../ui/requests/responseviewer.cpp" line="+27"/>
        <source>Save Body…</source>
        <translation>Body speichern…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write the whole response body to a file</source>
        <translation>Den gesamten Antwort-Body in eine Datei schreiben</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Pretty</source>
        <translation>Formatiert</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Raw</source>
        <translation>Roh</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Find in body (Ctrl+F)</source>
        <translation>Im Body suchen (Strg+F)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Find in Body</source>
        <translation>Im Body suchen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Find Next</source>
        <translation>Weitersuchen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Find Previous</source>
        <translation>Rückwärts suchen</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The response has no body.</source>
        <translation>Die Antwort hat keinen Body.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Body</source>
        <translation>Body</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Headers</source>
        <translation>Header</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Events (%1)</source>
        <translation>Ereignisse (%1)</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+161"/>
        <source>Send a request to see its response here.
Ctrl+Return sends, Esc cancels.</source>
        <translation>Senden Sie eine Anfrage, um hier ihre Antwort zu sehen.
Strg+Eingabe sendet, Esc bricht ab.</translation>
    </message>
    <message>
        <location line="-145"/>
        <location line="+159"/>
        <source>Proceed Anyway</source>
        <translation>Trotzdem fortfahren</translation>
    </message>
    <message>
        <location line="-157"/>
        <location line="+158"/>
        <source>Send again without verifying the certificate; fine for a local server with a self-signed certificate, not for anything else</source>
        <translation>Erneut senden, ohne das Zertifikat zu prüfen; in Ordnung für einen lokalen Server mit selbstsigniertem Zertifikat, für nichts anderes</translation>
    </message>
    <message>
        <location line="-114"/>
        <source>No response yet</source>
        <translation>Noch keine Antwort</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+31"/>
        <source>Sending…</source>
        <translation>Wird gesendet…</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>Waiting for %1</source>
        <translation>Warte auf %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not sent</source>
        <translation>Nicht gesendet</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>first byte %1</source>
        <translation>erstes Byte %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time to the first byte of the response</source>
        <translation>Zeit bis zum ersten Byte der Antwort</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>%1 · first byte %2</source>
        <translation>%1 · erstes Byte %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Total time, and time to the first byte of the response</source>
        <translation>Gesamtzeit und Zeit bis zum ersten Byte der Antwort</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>%n byte(s) of body</source>
        <translation>
            <numerusform>%n Byte im Body</numerusform>
            <numerusform>%n Bytes im Body</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1, cut off: %2</source>
        <translation>%1, abgebrochen: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1, incomplete: %2</source>
        <translation>%1, unvollständig: %2</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Headers (%1)</source>
        <translation>Header (%1)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: %2 of %3 left</source>
        <translation>%1: %2 von %3 übrig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2 left</source>
        <translation>%1: %2 übrig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, resets in %1</source>
        <translation>, zurückgesetzt in %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Decoded from the RateLimit and RateLimit-Policy headers</source>
        <translation>Aus den Headern RateLimit und RateLimit-Policy gelesen</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>Showing the first %1 of %2. &lt;a href=&quot;save&quot;&gt;Save the whole body…&lt;/a&gt;</source>
        <translation>Angezeigt werden die ersten %1 von %2. &lt;a href=&quot;save&quot;&gt;Den ganzen Body speichern…&lt;/a&gt;</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>No matches</source>
        <translation>Keine Treffer</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n Treffer</numerusform>
            <numerusform>%n Treffer</numerusform>
        </translation>
    </message>
    <message>
        <location line="-213"/>
        <source>Send Anyway</source>
        <translation>Trotzdem senden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send the request as it is</source>
        <translation>Die Anfrage unverändert senden</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::RotateKeyDialog</name>
    <message>
        <location filename="../ui/keys/rotatekeydialog.cpp" line="+24"/>
        <source>Rotate API Key</source>
        <translation>API-Schlüssel rotieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rotating &lt;b&gt;%1&lt;/b&gt; creates a new key with the same tier, scopes, label and owner. The old key keeps working for the grace period so clients can switch, then expires.</source>
        <translation>Das Rotieren von &lt;b&gt;%1&lt;/b&gt; erstellt einen neuen Schlüssel mit demselben Tarif, denselben Scopes, derselben Bezeichnung und demselben Inhaber. Der alte Schlüssel funktioniert noch während der Übergangszeit, damit Clients wechseln können, und läuft dann ab.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>None (the old key stops now)</source>
        <translation>Keine (der alte Schlüssel endet sofort)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 hour</source>
        <translation>1 Stunde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>24 hours</source>
        <translation>24 Stunden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>7 days</source>
        <translation>7 Tage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>30 days</source>
        <translation>30 Tage</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Rotate Key</source>
        <translation>Schlüssel rotieren</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Grace period:</source>
        <translation>&amp;Übergangszeit:</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::RouteAccessTab</name>
    <message>
        <location filename="../ui/routes/routeaccesstab.cpp" line="+58"/>
        <source>&amp;Public: anyone may call this route</source>
        <translation>&amp;Öffentlich: Jeder darf diese Route aufrufen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>API &amp;key required</source>
        <translation>API-&amp;Schlüssel erforderlich</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Callers send a key as &quot;Authorization: Bearer &lt;key&gt;&quot; or &quot;X-API-Key: &lt;key&gt;&quot;; without a valid one they get 401</source>
        <translation>Aufrufer senden einen Schlüssel als „Authorization: Bearer &lt;key&gt;“ oder „X-API-Key: &lt;key&gt;“; ohne gültigen erhalten sie 401</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Require an API key</source>
        <translation>API-Schlüssel verlangen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Make route public</source>
        <translation>Route öffentlich machen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>none: any valid key</source>
        <translation>keine: jeder gültige Schlüssel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Comma separated; a key must hold all of them, else 403</source>
        <translation>Durch Kommas getrennt; ein Schlüssel muss alle haben, sonst 403</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Change required scopes</source>
        <translation>Erforderliche Scopes ändern</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+106"/>
        <source>the tier&apos;s price</source>
        <translation>Preis des Tarifs</translation>
    </message>
    <message>
        <location line="-105"/>
        <source>What the caller pays per request on this route, in USD (e.g. 0.002); empty uses the price of the caller&apos;s tier</source>
        <translation>Was der Aufrufer pro Anfrage an diese Route zahlt, in USD (z. B. 0,002); leer gilt der Preis seines Tarifs</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Price: %1</source>
        <translation>Preis: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change price</source>
        <translation>Preis ändern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What serving one request costs you, in USD (compute, upstream fees), for every request the route answers, with a key or without; it is subtracted from revenue to show the margin</source>
        <translation>Was Sie das Beantworten einer Anfrage kostet, in USD (Rechenzeit, Gebühren vorgelagerter Dienste), für jede Anfrage, die die Route beantwortet, mit oder ohne Schlüssel; wird vom Umsatz abgezogen, um die Marge zu zeigen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cost: %1</source>
        <translation>Kosten: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change cost</source>
        <translation>Kosten ändern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What each millisecond of handling a request costs you, in USD (e.g. 0.00001 for compute billed by time); added to the cost per request for every request the route answers, injected latency included</source>
        <translation>Was Sie jede Millisekunde der Bearbeitung einer Anfrage kostet, in USD (z. B. 0.00001 für nach Zeit abgerechnete Rechenzeit); kommt zu den Kosten pro Anfrage hinzu, für jede Anfrage, die die Route beantwortet, eingefügte Latenz eingeschlossen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cost per ms: %1</source>
        <translation>Kosten pro ms: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Change cost per ms</source>
        <translation>Kosten pro ms ändern</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>A JSON pointer to the number of input (prompt) tokens in the answer&apos;s JSON body; empty: input tokens are not counted</source>
        <translation>Ein JSON-Pointer auf die Zahl der Eingabe-Tokens (Prompt) im JSON-Body der Antwort; leer: Eingabe-Tokens werden nicht gezählt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Input tokens: %1</source>
        <translation>Eingabe-Tokens: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Change input token pointer</source>
        <translation>Pointer der Eingabe-Tokens ändern</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A JSON pointer to the number of output (completion) tokens in the answer&apos;s JSON body; empty: output tokens are not counted</source>
        <translation>Ein JSON-Pointer auf die Zahl der Ausgabe-Tokens (Completion) im JSON-Body der Antwort; leer: Ausgabe-Tokens werden nicht gezählt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Output tokens: %1</source>
        <translation>Ausgabe-Tokens: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Change output token pointer</source>
        <translation>Pointer der Ausgabe-Tokens ändern</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+13"/>
        <source>the tier&apos;s</source>
        <translation>vom Tarif</translation>
    </message>
    <message>
        <location line="-12"/>
        <source> req/min</source>
        <translation> Anfr./min</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A rate limit of this route&apos;s own, per key, instead of the tier&apos;s</source>
        <translation>Eine eigene Ratenbegrenzung dieser Route, pro Schlüssel, statt der des Tarifs</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Change rate limit</source>
        <translation>Ratenbegrenzung ändern</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Requests a key may send at once on top of the rate</source>
        <translation>Anfragen, die ein Schlüssel zusätzlich zur Rate auf einmal senden darf</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Change burst</source>
        <translation>Burst ändern</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Who may call</source>
        <translation>Wer aufrufen darf</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Required &amp;scopes:</source>
        <translation>Erforderliche Sc&amp;opes:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cost of serving</source>
        <translation>Kosten des Beantwortens</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>C&amp;ost per request (USD):</source>
        <translation>&amp;Kosten pro Anfrage (USD):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cost per &amp;ms (USD):</source>
        <translation>Kosten pro &amp;ms (USD):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Price per request</source>
        <translation>Preis pro Anfrage</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>P&amp;rice (USD):</source>
        <translation>&amp;Preis (USD):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Own rate limit</source>
        <translation>Eigene Ratenbegrenzung</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>R&amp;ate:</source>
        <translation>Ra&amp;te:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>B&amp;urst:</source>
        <translation>B&amp;urst:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scopes, price and the rate limit apply to requests made with a key; the monthly quota is always the tier&apos;s.</source>
        <translation>Scopes, Preis und Ratenbegrenzung gelten für Anfragen mit Schlüssel; das Monatskontingent ist immer das des Tarifs.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Token counting</source>
        <translation>Token-Zählung</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Input tokens at:</source>
        <translation>E&amp;ingabe-Tokens unter:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Output toke&amp;ns at:</source>
        <translation>Ausgabe-Toke&amp;ns unter:</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>This route streams tokens (SSE, tokens mode): it counts them itself, so these pointers are not used.</source>
        <translation>Diese Route streamt Tokens (SSE, Token-Modus): Sie zählt sie selbst, diese Pointer werden daher nicht verwendet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Where the answer&apos;s JSON body gives its token counts; for an event stream, each event&apos;s data, summed. A route streaming tokens (SSE, tokens mode) counts its own.</source>
        <translation>Wo der JSON-Body der Antwort ihre Token-Zahlen nennt; bei einem Ereignisstrom die Daten jedes Ereignisses, summiert. Eine Route, die Tokens streamt (SSE, Token-Modus), zählt sie selbst.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>&quot;%1&quot; is not a JSON pointer: it starts with &apos;/&apos;, as in &quot;%2&quot;.</source>
        <translation>„%1“ ist kein JSON-Pointer: Er beginnt mit &apos;/&apos;, wie in „%2“.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>In a JSON pointer &apos;~&apos; is written &quot;~0&quot;, and a &apos;/&apos; inside a name &quot;~1&quot;.</source>
        <translation>In einem JSON-Pointer wird &apos;~&apos; als „~0“ geschrieben und ein &apos;/&apos; innerhalb eines Namens als „~1“.</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::RouteBehaviourTab</name>
    <message>
        <location filename="../ui/routes/routebehaviourtab.cpp" line="+28"/>
        <source>Reset the connection instead of answering</source>
        <translation>Die Verbindung zurücksetzen statt zu antworten</translation>
    </message>
    <message>
        <location line="+8"/>
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
        <location line="+7"/>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Change failure rate</source>
        <translation>Fehlerrate ändern</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Change failure status</source>
        <translation>Fehlerstatus ändern</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Change failure mode</source>
        <translation>Fehlerart ändern</translation>
    </message>
    <message>
        <location line="+5"/>
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
        <location line="+5"/>
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
</context>
<context>
    <name>tollgate::ui::RouteEditor</name>
    <message>
        <location filename="../ui/routes/routeeditor.cpp" line="+60"/>
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
        <location line="+30"/>
        <source>Upstream</source>
        <translation>Upstream</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Stream</source>
        <translation>Stream</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>WebSocket</source>
        <translation>WebSocket</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Responses</source>
        <translation>Antworten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rules</source>
        <translation>Regeln</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Behaviour</source>
        <translation>Verhalten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Access</source>
        <translation>Zugang</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>Rules are not used while the route answers from its upstream</source>
        <translation>Regeln werden nicht verwendet, solange die Route von ihrem Upstream antwortet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rules are not used while the route answers with an event stream</source>
        <translation>Regeln werden nicht verwendet, solange die Route mit einem Ereignisstrom antwortet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not used while the route accepts WebSockets: its messages are answered by the rules in the WebSocket tab</source>
        <translation>Nicht verwendet, solange die Route WebSockets annimmt: Ihre Nachrichten beantworten die Regeln auf der Registerkarte „WebSocket“</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not used while the route answers with an event stream: the responses are kept for when it answers with them again</source>
        <translation>Nicht verwendet, solange die Route mit einem Ereignisstrom antwortet: die Antworten bleiben erhalten, bis sie wieder mit ihnen antwortet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not used while the route accepts WebSockets: the responses are kept for when it answers with them again</source>
        <translation>Nicht verwendet, solange die Route WebSockets annimmt: die Antworten bleiben erhalten, bis sie wieder mit ihnen antwortet</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::RouteHeader</name>
    <message>
        <location filename="../ui/routes/routeheader.cpp" line="+28"/>
        <source>&amp;Enabled</source>
        <translation>&amp;Aktiviert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Desi&amp;gned responses</source>
        <translation>&amp;Entworfene Antworten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Upstream (a real API)</source>
        <translation>&amp;Upstream (eine echte API)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;tream (SSE)</source>
        <translation>S&amp;tream (SSE)</translation>
    </message>
    <message>
        <location line="+184"/>
        <source>Answer with a WebSocket</source>
        <translation>Mit einem WebSocket antworten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answer with a WebSocket (method GET)</source>
        <translation>Mit einem WebSocket antworten (Methode GET)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A WebSocket route&apos;s method is GET: every client opens a WebSocket with a GET request</source>
        <translation>Die Methode einer WebSocket-Route ist GET: Jeder Client öffnet einen WebSocket mit einer GET-Anfrage</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>HTTP method</source>
        <translation>HTTP-Methode</translation>
    </message>
    <message>
        <location line="-182"/>
        <source>Change method</source>
        <translation>Methode ändern</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>&amp;WebSocket</source>
        <translation>&amp;WebSocket</translation>
    </message>
    <message>
        <location line="+20"/>
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
        <location line="+14"/>
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
        <location line="+4"/>
        <source>What this route is for (optional)</source>
        <translation>Wofür diese Route da ist (optional)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Edit description</source>
        <translation>Beschreibung bearbeiten</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Answer with the responses designed in the Responses tab</source>
        <translation>Mit den im Reiter Antworten entworfenen Antworten antworten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Forward requests to a real API and answer with what it says; keys, limits, metering and fault injection still apply</source>
        <translation>Anfragen an eine echte API weiterleiten und mit deren Antwort antworten; Schlüssel, Limits, Messung und Fehlerinjektion gelten weiterhin</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Answer with a Server-Sent Events stream: scripted events or an LLM completion, token by token, set in the Stream tab</source>
        <translation>Mit einem Server-Sent-Events-Strom antworten: vorgegebene Ereignisse oder eine LLM-Antwort, Token für Token, eingestellt im Reiter Stream</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Accept WebSocket connections (a GET asking for an upgrade): messages on open, rules that answer incoming messages, echo, set in the WebSocket tab</source>
        <translation>WebSocket-Verbindungen annehmen (ein GET, das um ein Upgrade bittet): Nachrichten beim Öffnen, Regeln, die eingehende Nachrichten beantworten, Echo; eingestellt auf der Registerkarte „WebSocket“</translation>
    </message>
    <message>
        <location line="+101"/>
        <source>Answer from an upstream</source>
        <translation>Von einem Upstream antworten</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Answer with an event stream</source>
        <translation>Mit einem Ereignisstrom antworten</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Answer with designed responses</source>
        <translation>Mit entworfenen Antworten antworten</translation>
    </message>
    <message>
        <location line="-78"/>
        <source>Try It</source>
        <translation>Ausprobieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open this route in the request composer with a matching example (Ctrl+Shift+Return)</source>
        <translation>Diese Route mit einem passenden Beispiel im Anfrage-Editor öffnen (Strg+Umschalt+Eingabe)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Answers with:</source>
        <translation>Antwortet mit:</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::RouteListModel</name>
    <message>
        <location filename="../ui/routes/routelistmodel.cpp" line="+61"/>
        <source>WebSocket: clients connect with GET %1</source>
        <translation>WebSocket: Clients verbinden sich mit GET %1</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Enable route</source>
        <translation>Route aktivieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Disable route</source>
        <translation>Route deaktivieren</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Change method</source>
        <translation>Methode ändern</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Change path</source>
        <translation>Pfad ändern</translation>
    </message>
    <message>
        <location line="+30"/>
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
    <name>tollgate::ui::RouteMetricsModel</name>
    <message>
        <location filename="../ui/metrics/routemetricsmodel.cpp" line="+125"/>
        <source>No matching route</source>
        <translation>Keine passende Route</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Requests no route matched (answered 404 or 405)</source>
        <translation>Anfragen, zu denen keine Route passte (mit 404 oder 405 beantwortet)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Requests in the window</source>
        <translation>Anfragen im Zeitraum</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Requests per second, averaged over the window</source>
        <translation>Anfragen pro Sekunde, gemittelt über den Zeitraum</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Latency percentile: header received until the answer was written</source>
        <translation>Latenz-Perzentil: vom Empfang des Headers bis die Antwort geschrieben war</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Share of requests answered with a 4xx status</source>
        <translation>Anteil der mit einem 4xx-Status beantworteten Anfragen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Share of requests answered with a 5xx status or a reset connection</source>
        <translation>Anteil der mit einem 5xx-Status oder abgebrochener Verbindung beantworteten Anfragen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What serving a request cost on average</source>
        <translation>Was das Beantworten einer Anfrage im Mittel kostete</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What a request earned on average</source>
        <translation>Was eine Anfrage im Mittel einbrachte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Revenue minus cost per request, on average</source>
        <translation>Umsatz minus Kosten pro Anfrage, im Mittel</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Route</source>
        <translation>Route</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::RouteResponsesTab</name>
    <message>
        <location filename="../ui/routes/routeresponsestab.cpp" line="+33"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add a response</source>
        <translation>Eine Antwort hinzufügen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Duplicate</source>
        <translation>Duplizieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Duplicate this response</source>
        <translation>Diese Antwort duplizieren</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove this response</source>
        <translation>Diese Antwort entfernen</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Response #%1</source>
        <translation>Antwort Nr. %1</translation>
    </message>
    <message>
        <location line="+18"/>
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
        <location line="+28"/>
        <source>Remove response</source>
        <translation>Antwort entfernen</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::RouteRulesTab</name>
    <message>
        <location filename="../ui/routes/routerulestab.cpp" line="+26"/>
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
        <location line="+9"/>
        <source>Change default response</source>
        <translation>Standardantwort ändern</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Edit rules</source>
        <translation>Regeln bearbeiten</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add a rule</source>
        <translation>Eine Regel hinzufügen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+0"/>
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
        <location line="+29"/>
        <source>Checked top to bottom: the first matching rule picks the response, otherwise the default response is sent.</source>
        <translation>Von oben nach unten geprüft: die erste passende Regel wählt die Antwort, sonst wird die Standardantwort gesendet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rules are not used in this mode: every response takes its turn.</source>
        <translation>In diesem Modus werden keine Regeln verwendet: jede Antwort kommt an die Reihe.</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::RouteStreamTab</name>
    <message>
        <location filename="../ui/routes/routestreamtab.cpp" line="+49"/>
        <source>Heart&amp;beat every</source>
        <translation>Heart&amp;beat alle</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Scripted events</source>
        <translation>Vorgegebene Ereignisse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>LLM completion, token by token</source>
        <translation>LLM-Antwort, Token für Token</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Stream a completion</source>
        <translation>Eine LLM-Antwort streamen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stream scripted events</source>
        <translation>Vorgegebene Ereignisse streamen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A comment line when nothing was sent for this long keeps proxies and clients from closing a quiet stream</source>
        <translation>Eine Kommentarzeile, wenn so lange nichts gesendet wurde, hält Proxys und Clients davon ab, einen stillen Strom zu schließen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Heartbeat interval</source>
        <translation>Heartbeat-Intervall</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Send heartbeats</source>
        <translation>Heartbeats senden</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Send no heartbeats</source>
        <translation>Keine Heartbeats senden</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Change heartbeat</source>
        <translation>Heartbeat ändern</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Se&amp;nds:</source>
        <translation>Se&amp;ndet:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep alive:</source>
        <translation>Verbindung halten:</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Edit events</source>
        <translation>Ereignisse bearbeiten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Events: %1</source>
        <translation>Ereignisse: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Re&amp;peat: start again after the last event</source>
        <translation>&amp;Wiederholen: nach dem letzten Ereignis von vorn beginnen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Until the client leaves; {{stream.index}} keeps counting</source>
        <translation>Bis der Client geht; {{stream.index}} zählt weiter</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Repeat the events</source>
        <translation>Ereignisse wiederholen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Send the events once</source>
        <translation>Ereignisse einmal senden</translation>
    </message>
    <message>
        <location line="+9"/>
        <source> events per second</source>
        <translation> Ereignisse pro Sekunde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>each event&apos;s delay</source>
        <translation>Verzögerung je Ereignis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A steady pace instead of each event&apos;s delay; 0 uses the delays</source>
        <translation>Ein gleichmäßiges Tempo statt der Verzögerung jedes Ereignisses; 0 verwendet die Verzögerungen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Change pace</source>
        <translation>Tempo ändern</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>P&amp;ace:</source>
        <translation>Tem&amp;po:</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Completion</source>
        <translation>LLM-Antwort</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The completion&apos;s text, e.g. You asked: {{request.json.messages.0.content}}</source>
        <translation>Der Text der Antwort, z. B. Sie fragten: {{request.json.messages.0.content}}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Edit completion text</source>
        <translation>Antworttext bearbeiten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Te&amp;xt (a template, split into tokens as it is sent):</source>
        <translation>Te&amp;xt (eine Vorlage, beim Senden in Tokens zerlegt):</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The &quot;model&quot; every chunk names</source>
        <translation>Das „model“, das jeder Chunk nennt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Change model name</source>
        <translation>Modellnamen ändern</translation>
    </message>
    <message>
        <location line="+9"/>
        <source> tokens per second</source>
        <translation> Tokens pro Sekunde</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Change token pace</source>
        <translation>Token-Tempo ändern</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Tokens sent together in one chat.completion.chunk event</source>
        <translation>Tokens, die zusammen in einem chat.completion.chunk-Ereignis gesendet werden</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Change tokens per chunk</source>
        <translation>Tokens pro Chunk ändern</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>M&amp;odel:</source>
        <translation>M&amp;odell:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pa&amp;ce:</source>
        <translation>Tem&amp;po:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tokens &amp;per chunk:</source>
        <translation>Tokens pro &amp;Chunk:</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>About %1 tokens as written (template tags count as their text), sent in about %2 s.</source>
        <translation>Etwa %1 Tokens wie geschrieben (Vorlagen-Tags zählen als ihr Text), gesendet in etwa %2 s.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Streams the text as an LLM API does: OpenAI-style chat.completion.chunk events, a few tokens each, ended by data: [DONE].</source>
        <translation>Streamt den Text wie eine LLM-API: chat.completion.chunk-Ereignisse im Stil von OpenAI mit je einigen Tokens, beendet durch data: [DONE].</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Streams the events below as text/event-stream; a client that reconnects with Last-Event-ID resumes after that event.</source>
        <translation>Streamt die Ereignisse unten als text/event-stream; ein Client, der sich mit Last-Event-ID neu verbindet, macht nach diesem Ereignis weiter.</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::RouteUpstreamTab</name>
    <message>
        <location filename="../ui/routes/routeupstreamtab.cpp" line="+76"/>
        <source>Loopback upstreams (127.0.0.0/8, ::1) are allowed in the app for local development; tollgated needs --allow-upstream or server.upstreamAllowlist for them.</source>
        <translation>Loopback-Upstreams (127.0.0.0/8, ::1) sind in der App für die lokale Entwicklung erlaubt; tollgated braucht dafür --allow-upstream oder server.upstreamAllowlist.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Allowlist &amp;&amp; &amp;Fallback…</source>
        <translation>Freigaben &amp;&amp; &amp;Fallback…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The addresses upstreams may reach and where requests that match no route go (the workspace&apos;s settings)</source>
        <translation>Die Adressen, die Upstreams erreichen dürfen, und wohin Anfragen ohne passende Route gehen (Einstellungen des Arbeitsbereichs)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Edit upstream headers</source>
        <translation>Upstream-Header bearbeiten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Headers: %1</source>
        <translation>Header: %1</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>http:// or https://, a host, an optional port and a base path the forwarded path goes below</source>
        <translation>http:// oder https://, ein Host, ein optionaler Port und ein Basispfad, unter den der weitergeleitete Pfad gehängt wird</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Change upstream URL</source>
        <translation>Upstream-URL ändern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>UR&amp;L:</source>
        <translation>UR&amp;L:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Strip prefix:</source>
        <translation>Prä&amp;fix entfernen:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Strip prefix</source>
        <translation>Präfix entfernen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change strip prefix</source>
        <translation>Zu entfernendes Präfix ändern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Path &amp;template:</source>
        <translation>Pfad&amp;vorlage:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Replaces the request path: {name} takes the route&apos;s path parameter, {*} the wildcard&apos;s rest; empty forwards the request path</source>
        <translation>Ersetzt den Anfragepfad: {name} übernimmt den Pfadparameter der Route, {*} den Rest des Platzhalters; leer leitet den Anfragepfad weiter</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Path template</source>
        <translation>Pfadvorlage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change path template</source>
        <translation>Pfadvorlage ändern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pass the &amp;query string on</source>
        <translation>&amp;Query-String weitergeben</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Pass the query on</source>
        <translation>Query weitergeben</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Drop the query</source>
        <translation>Query verwerfen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Verify the certificate and host name</source>
        <translation>Zertifikat und Hostnamen &amp;prüfen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Off only for an upstream with a self-signed certificate you trust: without the check anyone on the way can read the calls</source>
        <translation>Nur aus für einen Upstream mit selbstsigniertem Zertifikat, dem Sie vertrauen: ohne Prüfung kann jeder auf dem Weg die Aufrufe mitlesen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Verify upstream TLS</source>
        <translation>Upstream-TLS prüfen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Trust any upstream certificate</source>
        <translation>Jedem Upstream-Zertifikat vertrauen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Timeouts</source>
        <translation>Zeitlimits</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+30"/>
        <location line="+46"/>
        <location line="+4"/>
        <location line="+38"/>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <location line="-117"/>
        <source>&amp;Connect:</source>
        <translation>&amp;Verbinden:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name lookup, TCP connection and TLS handshake</source>
        <translation>Namensauflösung, TCP-Verbindung und TLS-Handshake</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change connect timeout</source>
        <translation>Zeitlimit für Verbindung ändern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Attempt:</source>
        <translation>Ve&amp;rsuch:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>One try: writing the request and reading the answer</source>
        <translation>Ein Versuch: Anfrage schreiben und Antwort lesen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change attempt timeout</source>
        <translation>Zeitlimit pro Versuch ändern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Overall:</source>
        <translation>&amp;Gesamt:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All tries and the waits between them; then the caller gets 504</source>
        <translation>Alle Versuche und die Wartezeiten dazwischen; danach erhält der Aufrufer 504</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change overall timeout</source>
        <translation>Gesamtes Zeitlimit ändern</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Retries</source>
        <translation>Wiederholungen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tries per request, the first included; only idempotent requests (or ones with an Idempotency-Key) are tried again</source>
        <translation>Versuche pro Anfrage, der erste eingeschlossen; nur idempotente Anfragen (oder solche mit Idempotency-Key) werden wiederholt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Change attempts</source>
        <translation>Versuche ändern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 (no retries)</source>
        <translation>1 (keine Wiederholung)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Max a&amp;ttempts:</source>
        <translation>Höchstens Vers&amp;uche:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Base delay:</source>
        <translation>&amp;Grundwartezeit:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The backoff before the first retry; it doubles per retry, with full jitter</source>
        <translation>Die Wartezeit vor der ersten Wiederholung; sie verdoppelt sich pro Wiederholung, mit vollem Jitter</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+6"/>
        <source>Change retry delay</source>
        <translation>Wartezeit der Wiederholung ändern</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Ma&amp;x delay:</source>
        <translation>Höchste &amp;Wartezeit:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The longest wait between tries (a longer Retry-After is honoured within the overall timeout)</source>
        <translation>Die längste Wartezeit zwischen Versuchen (ein längeres Retry-After wird innerhalb des gesamten Zeitlimits beachtet)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Circuit breaker</source>
        <translation>Circuit Breaker</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failures in a row that open the breaker</source>
        <translation>Fehler in Folge, die den Breaker öffnen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change breaker failures</source>
        <translation>Breaker-Fehler ändern</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+9"/>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Opens after &amp;failures in a row:</source>
        <translation>Öffnet nach &amp;Fehlern in Folge:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Or when this share of the calls in the window failed</source>
        <translation>Oder wenn dieser Anteil der Aufrufe im Zeitfenster fehlschlug</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Change breaker failure rate</source>
        <translation>Fehlerquote des Breakers ändern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Or at a failure &amp;rate of:</source>
        <translation>Oder bei einer Fehler&amp;quote von:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Over at least:</source>
        <translation>Über mindestens:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> calls</source>
        <translation> Aufrufe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The rate counts only once the window holds this many calls</source>
        <translation>Die Quote zählt erst, wenn das Zeitfenster so viele Aufrufe enthält</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change breaker minimum calls</source>
        <translation>Mindestaufrufe des Breakers ändern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In a &amp;window of:</source>
        <translation>In einem &amp;Zeitfenster von:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Change breaker window</source>
        <translation>Zeitfenster des Breakers ändern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stays o&amp;pen for:</source>
        <translation>Bleibt &amp;offen für:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Then it lets probes through: half-open</source>
        <translation>Danach lässt er Proben durch: halb offen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change breaker open time</source>
        <translation>Offenzeit des Breakers ändern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Half-open p&amp;robes:</source>
        <translation>P&amp;roben halb offen:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Calls let through while half-open; all must succeed to close it</source>
        <translation>Aufrufe, die halb offen durchgelassen werden; alle müssen gelingen, damit er schließt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change breaker probes</source>
        <translation>Proben des Breakers ändern</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What callers get while the breaker is open: 503 with Retry-After, or one of the route&apos;s designed responses</source>
        <translation>Was Aufrufer erhalten, solange der Breaker offen ist: 503 mit Retry-After oder eine der entworfenen Antworten der Route</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Change the answer while open</source>
        <translation>Antwort bei offenem Breaker ändern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>While open, a&amp;nswer:</source>
        <translation>Solange offen, a&amp;ntworten:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Connection pool</source>
        <translation>Verbindungspool</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Max connections:</source>
        <translation>&amp;Max. Verbindungen:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> per thread</source>
        <translation> pro Thread</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calls beyond this wait for a connection within their attempt timeout</source>
        <translation>Weitere Aufrufe warten innerhalb ihres Versuchs-Zeitlimits auf eine Verbindung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change max connections</source>
        <translation>Max. Verbindungen ändern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Idle timeout:</source>
        <translation>&amp;Leerlauf-Zeitlimit:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kept-alive connections idle longer are closed</source>
        <translation>Offen gehaltene Verbindungen, die länger ungenutzt sind, werden geschlossen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change idle timeout</source>
        <translation>Leerlauf-Zeitlimit ändern</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Limits &amp;&amp; fee</source>
        <translation>Grenzen &amp;&amp; Gebühr</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> KiB</source>
        <translation> KiB</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A larger answer is cut off and the caller gets 502</source>
        <translation>Eine größere Antwort wird abgebrochen und der Aufrufer erhält 502</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Change response limit</source>
        <translation>Antwortgrenze ändern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Max &amp;response:</source>
        <translation>Max. &amp;Antwort:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>What the upstream charges per call, in USD (e.g. 0.0004); added to the route&apos;s cost for every attempt, so the margin shows it</source>
        <translation>Was der Upstream pro Aufruf berechnet, in USD (z. B. 0.0004); wird den Kosten der Route für jeden Versuch hinzugerechnet, damit die Marge es zeigt</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Fee: %1</source>
        <translation>Gebühr: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Change upstream fee</source>
        <translation>Upstream-Gebühr ändern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>F&amp;ee per call (USD):</source>
        <translation>Ge&amp;bühr pro Aufruf (USD):</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Removed from the front of the request path before it is forwarded</source>
        <translation>Wird vor dem Weiterleiten vorne vom Anfragepfad entfernt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not used: the path template replaces the request path</source>
        <translation>Nicht verwendet: die Pfadvorlage ersetzt den Anfragepfad</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The URL is plain http://: there is no TLS to check.</source>
        <translation>Die URL ist einfaches http://: es gibt kein TLS zu prüfen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SNI and the system&apos;s trusted certificates, as a browser checks them.</source>
        <translation>SNI und die vertrauenswürdigen Zertifikate des Systems, wie ein Browser sie prüft.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>503 with Retry-After</source>
        <translation>503 mit Retry-After</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>The server does not serve this route: %1</source>
        <translation>Der Server bedient diese Route nicht: %1</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::RouteWebSocketTab</name>
    <message>
        <location filename="../ui/routes/routewebsockettab.cpp" line="+54"/>
        <source> bytes</source>
        <translation> Bytes</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Messages are templates: {{message}} is the message answered, {{message.json.type}} one of its fields, {{stream.index}} the message&apos;s number; the upgrade request&apos;s fields ({{request.query.name}}...) work as in responses.</source>
        <translation>Nachrichten sind Vorlagen: {{message}} ist die beantwortete Nachricht, {{message.json.type}} eines ihrer Felder, {{stream.index}} die Nummer der Nachricht; die Felder der Upgrade-Anfrage ({{request.query.name}}...) funktionieren wie in Antworten.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Clients open a WebSocket on this route&apos;s path: ws://, a GET asking for an upgrade</source>
        <translation>Clients öffnen einen WebSocket auf dem Pfad dieser Route: ws://, ein GET, das um ein Upgrade bittet</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>On open</source>
        <translation>Beim Öffnen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sent to each client that connects, top to bottom, each after its delay.</source>
        <translation>An jeden Client gesendet, der sich verbindet, von oben nach unten, jede nach ihrer Verzögerung.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Te&amp;xt of message %1:</source>
        <translation>Te&amp;xt der Nachricht %1:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No messages on open: a client is sent nothing until it sends something.</source>
        <translation>Keine Nachrichten beim Öffnen: Ein Client bekommt nichts, bis er selbst etwas sendet.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Edit messages on open</source>
        <translation>Nachrichten beim Öffnen bearbeiten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>On open: %1</source>
        <translation>Beim Öffnen: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Incoming messages</source>
        <translation>Eingehende Nachrichten</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Rules</source>
        <translation>Regeln</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Checked top to bottom: the first rule that matches a text message answers it</source>
        <translation>Von oben nach unten geprüft: Die erste Regel, die auf eine Textnachricht passt, beantwortet sie</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add a rule at the end</source>
        <translation>Eine Regel am Ende hinzufügen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the selected rule</source>
        <translation>Die ausgewählte Regel entfernen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Up</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Check this rule earlier</source>
        <translation>Diese Regel früher prüfen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Down</source>
        <translation>Runter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Check this rule later</source>
        <translation>Diese Regel später prüfen</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Echo &amp;back messages no rule matches</source>
        <translation>Nachrichten ohne passende Regel zurüc&amp;ksenden (Echo)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A message no rule matches is sent back as it came; off: it is answered with nothing. Rules are checked top to bottom; the first that matches answers.</source>
        <translation>Eine Nachricht, auf die keine Regel passt, wird zurückgesendet, wie sie kam; aus: Sie wird mit nichts beantwortet. Regeln werden von oben nach unten geprüft; die erste passende antwortet.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Echo unmatched messages</source>
        <translation>Nachrichten ohne passende Regel zurücksenden</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Answer unmatched messages with nothing</source>
        <translation>Nachrichten ohne passende Regel mit nichts beantworten</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Replies: %1</source>
        <translation>Antworten: %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Limits</source>
        <translation>Grenzen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A larger incoming message closes the connection with 1009 (message too big)</source>
        <translation>Eine größere eingehende Nachricht schließt die Verbindung mit 1009 (Nachricht zu groß)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Change largest message</source>
        <translation>Größte Nachricht ändern</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Messages sent are cut into frames of at most this size; clients put them back together</source>
        <translation>Gesendete Nachrichten werden in Frames von höchstens dieser Größe zerlegt; Clients setzen sie wieder zusammen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Change frame size</source>
        <translation>Frame-Größe ändern</translation>
    </message>
    <message>
        <location line="+9"/>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A client quiet for half of this is pinged; one that answers nothing for all of it is closed. 0: never.</source>
        <translation>Ein Client, der die Hälfte dieser Zeit still ist, wird angepingt; einer, der die ganze Zeit nichts antwortet, wird geschlossen. 0: nie.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Idle timeout: 0 (never) or at least %1 ms.</source>
        <translation>Leerlauf-Zeitlimit: 0 (nie) oder mindestens %1 ms.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Change idle timeout</source>
        <translation>Leerlauf-Zeitlimit ändern</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Largest &amp;message:</source>
        <translation>Größte Nachr&amp;icht:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Frame si&amp;ze:</source>
        <translation>&amp;Frame-Größe:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>I&amp;dle timeout:</source>
        <translation>Leerlauf-Zeitli&amp;mit:</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Add a rule</source>
        <translation>Eine Regel hinzufügen</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Remove a rule</source>
        <translation>Regel entfernen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Move a rule</source>
        <translation>Regel verschieben</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::RuleTableModel</name>
    <message>
        <location filename="../ui/routes/ruletablemodel.cpp" line="+67"/>
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
        <location line="+44"/>
        <source>A JSON pointer into the request body, e.g. /user/id</source>
        <translation>Ein JSON-Pointer in den Anfrage-Body, z. B. /user/id</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>#%1 (missing)</source>
        <translation>Nr. %1 (fehlt)</translation>
    </message>
    <message>
        <location line="+82"/>
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
    <name>tollgate::ui::RunResultModel</name>
    <message>
        <location filename="../ui/requests/runresultmodel.cpp" line="+48"/>
        <location line="+1"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location line="+123"/>
        <source>Iteration %1</source>
        <translation>Durchlauf %1</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>✓ %n passed</source>
        <translation>
            <numerusform>✓ %n bestanden</numerusform>
            <numerusform>✓ %n bestanden</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>✗ %1 of %2 failed</source>
        <translation>✗ %1 von %2 fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>✗ No answer</source>
        <translation>✗ Keine Antwort</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+17"/>
        <source>✓ Passed</source>
        <translation>✓ Bestanden</translation>
    </message>
    <message numerus="yes">
        <location line="-17"/>
        <source>✗ %n failed</source>
        <translation>
            <numerusform>✗ %n fehlgeschlagen</numerusform>
            <numerusform>✗ %n fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+27"/>
        <source>✗ Failed</source>
        <translation>✗ Fehlgeschlagen</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Capture %1</source>
        <translation>%1 erfassen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>✓ Captured</source>
        <translation>✓ Übernommen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>✗ Not captured</source>
        <translation>✗ Nicht übernommen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No answer</source>
        <translation>Keine Antwort</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Request / check</source>
        <translation>Anfrage / Prüfung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expected</source>
        <translation>Erwartet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Actual</source>
        <translation>Tatsächlich</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::RunnerDialog</name>
    <message>
        <location filename="../ui/requests/runnerdialog.cpp" line="+54"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Run Requests</source>
        <translation>Anfragen ausführen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose what to run, then Run.</source>
        <translation>Auswählen, was laufen soll, dann Ausführen.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Run results</source>
        <translation>Ergebnisse des Laufs</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Select a request or a check to see it in full.</source>
        <translation>Eine Anfrage oder Prüfung auswählen, um sie vollständig zu sehen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details of the selected result</source>
        <translation>Einzelheiten des ausgewählten Ergebnisses</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Save JUnit XML…</source>
        <translation>JUnit-XML speichern…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save JSON…</source>
        <translation>JSON speichern…</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The server did not start: %1</source>
        <translation>Der Server ist nicht gestartet: %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Auto</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Auto: one iteration per row of the data file, or one without a data file</source>
        <translation>Automatisch: ein Durchlauf pro Zeile der Datendatei, oder einer ohne Datendatei</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>none (CSV with a header row, or a JSON array of objects; relative to the workspace)</source>
        <translation>keine (CSV mit Kopfzeile oder ein JSON-Array von Objekten; relativ zum Arbeitsbereich)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Browse…</source>
        <translation>Durchsuchen …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a data file</source>
        <translation>Eine Datendatei wählen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Data File</source>
        <translation>Datendatei</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Data files (*.csv *.json);;All files (*)</source>
        <translation>Datendateien (*.csv *.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Stop at the first failure</source>
        <translation>Beim ersten Fehlschlag anhalten</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Run the requests (Ctrl+Return)</source>
        <translation>Die Anfragen ausführen (Strg+Eingabe)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&amp;Requests:</source>
        <translation>&amp;Anfragen:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Environment:</source>
        <translation>&amp;Umgebung:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Iterations:</source>
        <translation>&amp;Durchläufe:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Data file:</source>
        <translation>&amp;Datendatei:</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>All saved requests (%1)</source>
        <translation>Alle gespeicherten Anfragen (%1)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>(no environment)</source>
        <translation>(keine Umgebung)</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n saved request(s) do not load and are left out: %1</source>
        <translation>
            <numerusform>%n gespeicherte Anfrage lässt sich nicht laden und fehlt: %1</numerusform>
            <numerusform>%n gespeicherte Anfragen lassen sich nicht laden und fehlen: %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Starting the server…</source>
        <translation>Der Server wird gestartet…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Running: 0 of %1 requests…</source>
        <translation>Läuft: 0 von %1 Anfragen…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not run.</source>
        <translation>Nicht ausgeführt.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Running: %1 of %2 requests…</source>
        <translation>Läuft: %1 von %2 Anfragen…</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>✓ All %n request(s) passed</source>
        <translation>
            <numerusform>✓ Die Anfrage hat bestanden</numerusform>
            <numerusform>✓ Alle %n Anfragen haben bestanden</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>✗ %1 of %2 requests failed</source>
        <translation>✗ %1 von %2 Anfragen fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> · %1 of %2 assertions passed</source>
        <translation> · %1 von %2 Zusicherungen bestanden</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> · stopped early</source>
        <translation> · vorzeitig beendet</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Expected: %1
Actual:   %2
</source>
        <translation>Erwartet:    %1
Tatsächlich: %2
</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No answer: %1</source>
        <translation>Keine Antwort: %1</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>No saved requests yet: save one in the composer (Ctrl+S) first.</source>
        <translation>Noch keine gespeicherten Anfragen: zuerst eine im Composer speichern (Strg+S).</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Save JUnit XML</source>
        <translation>JUnit-XML speichern</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Save JSON Report</source>
        <translation>JSON-Bericht speichern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>JUnit XML (*.xml)</source>
        <translation>JUnit-XML (*.xml)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::SavedRequestModel</name>
    <message>
        <location filename="../ui/requests/savedrequestmodel.cpp" line="+308"/>
        <source>Untitled request</source>
        <translation>Unbenannte Anfrage</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::ScopeList</name>
    <message>
        <location filename="../ui/common/scopelist.cpp" line="+32"/>
        <source>&quot;%1&quot; is not a scope: scopes are separated by commas and contain no spaces.</source>
        <translation>„%1“ ist kein Scope: Scopes werden durch Kommas getrennt und enthalten keine Leerzeichen.</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::SecretStore</name>
    <message>
        <location filename="../ui/common/secretstore.cpp" line="+25"/>
        <source>The OS keychain is turned off (TOLLGATE_NO_KEYCHAIN).</source>
        <translation>Der Schlüsselbund des Betriebssystems ist abgeschaltet (TOLLGATE_NO_KEYCHAIN).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This build has no OS keychain support (QtKeychain).</source>
        <translation>Dieser Build unterstützt den Schlüsselbund des Betriebssystems nicht (QtKeychain).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The OS keychain is not available: %1</source>
        <translation>Der Schlüsselbund des Betriebssystems ist nicht verfügbar: %1</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::SendController</name>
    <message>
        <location filename="../ui/requests/sendcontroller.cpp" line="+97"/>
        <source>Not sent: %1 not defined in the environment &quot;%2&quot;. Define it with Environments…, or type the value.</source>
        <translation>Nicht gesendet: %1 in der Umgebung „%2“ nicht definiert. Definieren Sie den Wert unter „Umgebungen…“ oder geben Sie ihn direkt ein.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>For the token, you can also pick one of this workspace&apos;s keys on the Auth tab.</source>
        <translation>Für das Token können Sie auch einen der Schlüssel dieses Arbeitsbereichs im Reiter „Auth“ wählen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not sent: this app does not hold the secret of key %1. Paste the key as a token, or pick another key.</source>
        <translation>Nicht gesendet: Das Secret des Schlüssels %1 liegt dieser App nicht vor. Fügen Sie den Schlüssel als Token ein oder wählen Sie einen anderen Schlüssel.</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>This request uploads files from outside the workspace to %1. Send it?</source>
        <translation>Diese Anfrage lädt Dateien von außerhalb des Arbeitsbereichs zu %1 hoch. Senden?</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::ServerBar</name>
    <message>
        <location filename="../ui/shell/serverbar.cpp" line="+95"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location line="+22"/>
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
        <location line="+4"/>
        <source>&amp;Record Upstream Answers</source>
        <translation>Upstream-Antworten &amp;aufzeichnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record</source>
        <translation>Aufzeichnen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Record: every answer an upstream gives becomes a designed response of its route (Ctrl+Shift+R)</source>
        <translation>Aufzeichnen: Jede Antwort eines Upstreams wird eine gestaltete Antwort ihrer Route (Strg+Umschalt+R)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Serve &amp;Offline</source>
        <translation>&amp;Offline bedienen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Offline: upstream routes answer from their designed (recorded) responses and no upstream is called</source>
        <translation>Offline: Upstream-Routen antworten mit ihren gestalteten (aufgezeichneten) Antworten, kein Upstream wird aufgerufen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Serve over &amp;HTTPS</source>
        <translation>Über &amp;HTTPS bereitstellen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HTTPS</source>
        <translation>HTTPS</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Serve over HTTPS with a certificate from Tollgate&apos;s own local certificate authority (made the first time). The composer and the Load page trust it; export it from Server ▸ Export CA Certificate to trust it elsewhere.</source>
        <translation>Über HTTPS bereitstellen, mit einem Zertifikat der eigenen lokalen Zertifizierungsstelle von Tollgate (beim ersten Mal erstellt). Der Composer und die Lastseite vertrauen ihr; exportieren Sie sie unter Server ▸ CA-Zertifikat exportieren, um ihr anderswo zu vertrauen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Export CA Certificate…</source>
        <translation>CA-Zertifikat &amp;exportieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the local certificate authority&apos;s certificate (never its key), to trust HTTPS from the embedded server in other clients</source>
        <translation>Das Zertifikat der lokalen Zertifizierungsstelle speichern (nie ihren Schlüssel), um HTTPS des eingebetteten Servers in anderen Clients zu vertrauen</translation>
    </message>
    <message>
        <location line="+11"/>
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
        <location line="+13"/>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message numerus="yes">
        <location line="+43"/>
        <source>%n route(s) recorded</source>
        <translation>
            <numerusform>%n Route aufgezeichnet</numerusform>
            <numerusform>%n Routen aufgezeichnet</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Routes given recorded answers since recording was switched on</source>
        <translation>Routen, die seit dem Einschalten der Aufzeichnung Antworten erhalten haben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not recorded:
%1</source>
        <translation>Nicht aufgezeichnet:
%1</translation>
    </message>
    <message>
        <location line="+48"/>
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
        <location line="-8"/>
        <source>Change bind address</source>
        <translation>Bind-Adresse ändern</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Change port</source>
        <translation>Port ändern</translation>
    </message>
    <message>
        <location line="-86"/>
        <source>Cannot start the server: %1</source>
        <translation>Der Server kann nicht gestartet werden: %1</translation>
    </message>
    <message>
        <location line="+107"/>
        <source>Copied %1</source>
        <translation>%1 kopiert</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+12"/>
        <location line="+6"/>
        <source>Export CA Certificate</source>
        <translation>CA-Zertifikat exportieren</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>PEM certificates (*.pem *.crt);;All files (*)</source>
        <translation>PEM-Zertifikate (*.pem *.crt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Saved the local CA certificate to %1</source>
        <translation>Das lokale CA-Zertifikat wurde in %1 gespeichert</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Saved the local certificate authority&apos;s certificate to %1.</source>
        <translation>Das Zertifikat der lokalen Zertifizierungsstelle wurde in %1 gespeichert.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1

Trust it to reach the embedded server over HTTPS from other clients, e.g. curl --cacert %2, or on Debian: copy it to /usr/local/share/ca-certificates/ as tollgate.crt and run update-ca-certificates. Keep it to this machine&apos;s clients: whoever trusts it trusts any certificate this CA signs.</source>
        <translation>%1

Vertrauen Sie ihm, um den eingebetteten Server aus anderen Clients über HTTPS zu erreichen, z. B. curl --cacert %2, oder unter Debian: kopieren Sie es als tollgate.crt nach /usr/local/share/ca-certificates/ und führen Sie update-ca-certificates aus. Beschränken Sie es auf die Clients dieses Rechners: Wer ihm vertraut, vertraut jedem Zertifikat, das diese CA signiert.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Stopping…</source>
        <translation>Wird gestoppt…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Starting…</source>
        <translation>Wird gestartet…</translation>
    </message>
    <message>
        <location line="+4"/>
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
        <location filename="../ui/engine/servercontroller.cpp" line="+141"/>
        <source>Not started: this workspace binds the server to %1, which other machines can reach. Start it from the server bar to allow that.</source>
        <translation>Nicht gestartet: Dieser Arbeitsbereich bindet den Server an %1, das andere Rechner erreichen können. Starten Sie ihn über die Serverleiste, um das zu erlauben.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Not started: HTTPS needs a certificate. %1</source>
        <translation>Nicht gestartet: HTTPS braucht ein Zertifikat. %1</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Cannot start the server.</source>
        <translation>Der Server kann nicht gestartet werden.</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::SseEventDelegate</name>
    <message>
        <location filename="../ui/routes/sseeventdelegate.cpp" line="+28"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::SseEventModel</name>
    <message>
        <location filename="../ui/routes/sseeventmodel.cpp" line="+97"/>
        <source>The event type (&quot;event:&quot;); empty sends none, which clients take as &quot;message&quot;</source>
        <translation>Der Ereignistyp („event:“); leer wird keiner gesendet, was Clients als „message“ lesen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>What the event carries (&quot;data:&quot;), a template</source>
        <translation>Was das Ereignis trägt („data:“), eine Vorlage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Several lines, each sent as a &quot;data:&quot; line: edit them below the table</source>
        <translation>Mehrere Zeilen, jede als „data:“-Zeile gesendet: bearbeiten Sie sie unter der Tabelle</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The event id (&quot;id:&quot;) a client resumes from with Last-Event-ID; empty sends none</source>
        <translation>Die Ereignis-ID („id:“), ab der ein Client mit Last-Event-ID fortsetzt; leer wird keine gesendet</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>How long a client waits before it reconnects (&quot;retry:&quot;); empty sends none</source>
        <translation>Wie lange ein Client wartet, bevor er sich neu verbindet („retry:“); leer wird nichts gesendet</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The wait before this event is sent</source>
        <translation>Die Wartezeit, bevor dieses Ereignis gesendet wird</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not used: the stream&apos;s pace sets the time between events</source>
        <translation>Nicht verwendet: das Tempo des Stroms bestimmt die Zeit zwischen den Ereignissen</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Retry ms</source>
        <translation>Retry ms</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delay ms</source>
        <translation>Verzögerung ms</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::SseEventsEditor</name>
    <message>
        <location filename="../ui/routes/sseeventseditor.cpp" line="+37"/>
        <source>Events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add an event at the end</source>
        <translation>Ein Ereignis am Ende hinzufügen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+121"/>
        <source>Remove the selected event</source>
        <translation>Das ausgewählte Ereignis entfernen</translation>
    </message>
    <message>
        <location line="-112"/>
        <source>Up</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Send this event earlier</source>
        <translation>Dieses Ereignis früher senden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Down</source>
        <translation>Runter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Send this event later</source>
        <translation>Dieses Ereignis später senden</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Data of the selected event</source>
        <translation>Daten des ausgewählten Ereignisses</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The event&apos;s data: text or JSON, with mustache tags like {{stream.index}}</source>
        <translation>Die Daten des Ereignisses: Text oder JSON, mit Mustache-Tags wie {{stream.index}}</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Sent top to bottom, each after its delay.</source>
        <translation>Von oben nach unten gesendet, jedes nach seiner Verzögerung.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sent top to bottom at the stream&apos;s pace.</source>
        <translation>Von oben nach unten im Tempo des Stroms gesendet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type, data and id are templates: {{stream.index}} is the event&apos;s number (from 0); {{request.query.name}} and the other request fields work as in responses.</source>
        <translation>Typ, Daten und ID sind Vorlagen: {{stream.index}} ist die Nummer des Ereignisses (ab 0); {{request.query.name}} und die anderen Anfragefelder wirken wie in Antworten.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>A stream needs at least one event</source>
        <translation>Ein Strom braucht mindestens ein Ereignis</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Data of event %1 (each line is a data: line):</source>
        <translation>&amp;Daten von Ereignis %1 (jede Zeile ist eine data:-Zeile):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Data:</source>
        <translation>&amp;Daten:</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::StreamView</name>
    <message>
        <location filename="../ui/requests/streamview.cpp" line="+104"/>
        <source>The content of the chat.completion.chunk events so far, joined</source>
        <translation>Der Inhalt der bisherigen chat.completion.chunk-Ereignisse, aneinandergefügt</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Select an event to see its data.</source>
        <translation>Wählen Sie ein Ereignis, um seine Daten zu sehen.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Ended</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server closed the stream</source>
        <translation>Der Server hat den Stream geschlossen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stopped</source>
        <translation>Gestoppt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You stopped the stream; what arrived until then is kept</source>
        <translation>Sie haben den Stream gestoppt; was bis dahin angekommen ist, bleibt erhalten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cut off</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Streaming…</source>
        <translation>Wird gestreamt…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Events are shown as they arrive; Stop (Esc) ends the stream</source>
        <translation>Ereignisse erscheinen, sobald sie ankommen; Stoppen (Esc) beendet den Stream</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n Ereignis</numerusform>
            <numerusform>%n Ereignisse</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the first %1 listed</source>
        <translation>die ersten %1 aufgeführt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>first after %1 ms</source>
        <translation>erstes nach %1 ms</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 events/s</source>
        <translation>%1 Ereignisse/s</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n heartbeat comment(s)</source>
        <translation>
            <numerusform>%n Heartbeat-Kommentar</numerusform>
            <numerusform>%n Heartbeat-Kommentare</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+49"/>
        <source>retry %1 ms</source>
        <translation>retry %1 ms</translation>
    </message>
    <message numerus="yes">
        <location line="-45"/>
        <source>Assembled text, %n chunk(s)</source>
        <translation>
            <numerusform>Zusammengesetzter Text, %n Chunk</numerusform>
            <numerusform>Zusammengesetzter Text, %n Chunks</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>finish reason: %1</source>
        <translation>Endegrund: %1</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>id %1</source>
        <translation>ID %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last-Event-ID still %1</source>
        <translation>Last-Event-ID weiterhin %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>at %1 ms</source>
        <translation>bei %1 ms</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>incomplete: the stream ended before its blank line</source>
        <translation>unvollständig: Der Stream endete vor seiner Leerzeile</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::TestsEditor</name>
    <message>
        <location filename="../ui/requests/testseditor.cpp" line="+22"/>
        <source>Add Assertion</source>
        <translation>Prüfung hinzufügen</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+6"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add Capture</source>
        <translation>Erfassung hinzufügen</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&lt;b&gt;Assertions&lt;/b&gt; — checked on every answer; &lt;code&gt;tollgated run&lt;/code&gt; checks them in CI</source>
        <translation>&lt;b&gt;Prüfungen&lt;/b&gt; — bei jeder Antwort geprüft; &lt;code&gt;tollgated run&lt;/code&gt; prüft sie in der CI</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;b&gt;Captures&lt;/b&gt; — values of the answer kept as variables of the current environment</source>
        <translation>&lt;b&gt;Erfassungen&lt;/b&gt; — Werte der Antwort, als Variablen der aktuellen Umgebung behalten</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Not changed: %1.</source>
        <translation>Nicht geändert: %1.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>%1 of %2 passed</source>
        <translation>%1 von %2 bestanden</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>&lt;span style=&apos;color:#1b7f3b&apos;&gt;✔ All %n passed&lt;/span&gt;</source>
        <translation>
            <numerusform>&lt;span style=&apos;color:#1b7f3b&apos;&gt;✔ %n bestanden&lt;/span&gt;</numerusform>
            <numerusform>&lt;span style=&apos;color:#1b7f3b&apos;&gt;✔ Alle %n bestanden&lt;/span&gt;</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;span style=&apos;color:#c02828&apos;&gt;✘ %1 of %2 failed&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#c02828&apos;&gt;✘ %1 von %2 fehlgeschlagen&lt;/span&gt;</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::TierLines</name>
    <message>
        <location filename="../ui/metrics/tierlines.cpp" line="+59"/>
        <source>no key</source>
        <translation>ohne Schlüssel</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::TierSection</name>
    <message>
        <location filename="../ui/keys/tiersection.cpp" line="+32"/>
        <source>&amp;Add Tier</source>
        <translation>Tarif &amp;hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Remove Tier</source>
        <translation>Tarif &amp;entfernen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a pricing tier</source>
        <translation>Einen Preistarif hinzufügen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the selected tier (only when no key uses it)</source>
        <translation>Den gewählten Tarif entfernen (nur wenn kein Schlüssel ihn verwendet)</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Double-click a cell to edit; the running server uses the change at once. Prices are in USD.</source>
        <translation>Doppelklicken Sie auf eine Zelle, um sie zu bearbeiten; der laufende Server übernimmt die Änderung sofort. Preise in USD.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Tiers</source>
        <translation>Tarife</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::TierTableModel</name>
    <message>
        <location filename="../ui/keys/tiertablemodel.cpp" line="+20"/>
        <source>the tier id must be 1-32 characters of a-z, 0-9, &apos;-&apos; or &apos;_&apos; (e.g. &quot;pro&quot;)</source>
        <translation>die Tarif-ID muss aus 1–32 Zeichen aus a-z, 0-9, &apos;-&apos; oder &apos;_&apos; bestehen (z. B. „pro“)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the tier needs a name</source>
        <translation>der Tarif braucht einen Namen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>requests per minute must be between 0 (unlimited) and 60000000</source>
        <translation>Anfragen pro Minute müssen zwischen 0 (unbegrenzt) und 60000000 liegen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the burst must be between 1 and 1000000</source>
        <translation>der Burst muss zwischen 1 und 1000000 liegen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the monthly quota must be 0 (unlimited) or more</source>
        <translation>das Monatskontingent muss 0 (unbegrenzt) oder mehr sein</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the price per request must be between 0 and 1000000 USD</source>
        <translation>der Preis pro Anfrage muss zwischen 0 und 1000000 USD liegen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the monthly fee must be between 0 and 1000000 USD</source>
        <translation>die Grundgebühr muss zwischen 0 und 1000000 USD liegen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the overage price must be between 0 and 1000000 USD</source>
        <translation>der Mehrverbrauchspreis muss zwischen 0 und 1000000 USD liegen</translation>
    </message>
    <message>
        <location line="+134"/>
        <location line="+45"/>
        <source>unlimited</source>
        <translation>unbegrenzt</translation>
    </message>
    <message>
        <location line="-53"/>
        <location line="+237"/>
        <source>Block (429)</source>
        <translation>Sperren (429)</translation>
    </message>
    <message>
        <location line="-361"/>
        <source>tokens per minute must be between 0 (unlimited) and 1000000000</source>
        <translation>Tokens pro Minute müssen zwischen 0 (unbegrenzt) und 1000000000 liegen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the price per 1,000 input tokens must be between 0 and 1000000 USD</source>
        <translation>der Preis pro 1.000 Eingabe-Tokens muss zwischen 0 und 1000000 USD liegen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the price per 1,000 output tokens must be between 0 and 1000000 USD</source>
        <translation>der Preis pro 1.000 Ausgabe-Tokens muss zwischen 0 und 1000000 USD liegen</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Tokens/min</source>
        <translation>Tokens/min</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Input and output tokens per minute per key, on routes that count tokens; 0 = no token limit</source>
        <translation>Eingabe- und Ausgabe-Tokens pro Minute und Schlüssel, auf Routen, die Tokens zählen; 0 = keine Token-Begrenzung</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Input / 1k tokens</source>
        <translation>Eingabe / 1k Tokens</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What a key of this tier pays per 1,000 input (prompt) tokens, in USD, on top of the price per request</source>
        <translation>Was ein Schlüssel dieses Tarifs pro 1.000 Eingabe-Tokens (Prompt) zahlt, in USD, zusätzlich zum Preis pro Anfrage</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Output / 1k tokens</source>
        <translation>Ausgabe / 1k Tokens</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What a key of this tier pays per 1,000 output (completion) tokens, in USD, on top of the price per request</source>
        <translation>Was ein Schlüssel dieses Tarifs pro 1.000 Ausgabe-Tokens (Completion) zahlt, in USD, zusätzlich zum Preis pro Anfrage</translation>
    </message>
    <message>
        <location line="+78"/>
        <location line="+236"/>
        <source>Bill overage</source>
        <translation>Mehrverbrauch berechnen</translation>
    </message>
    <message>
        <location line="-197"/>
        <source>Requests over the monthly quota are refused with 429 until the month ends</source>
        <translation>Anfragen über dem Monatskontingent werden bis Monatsende mit 429 abgewiesen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requests over the monthly quota are served and billed at the overage price</source>
        <translation>Anfragen über dem Monatskontingent werden beantwortet und zum Mehrverbrauchspreis berechnet</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Edit tier %1</source>
        <translation>Tarif %1 bearbeiten</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Another tier already has the ID &quot;%1&quot;; tier IDs must be unique.</source>
        <translation>Ein anderer Tarif hat bereits die ID „%1“; Tarif-IDs müssen eindeutig sein.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change tier ID %1 to %2</source>
        <translation>Tarif-ID %1 in %2 ändern</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Rename tier %1</source>
        <translation>Tarif %1 umbenennen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Requests per minute must be a whole number, or 0 for no rate limit.</source>
        <translation>Anfragen pro Minute müssen eine ganze Zahl sein, oder 0 für keine Ratenbegrenzung.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The burst must be a whole number of requests.</source>
        <translation>Der Burst muss eine ganze Zahl von Anfragen sein.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The monthly quota must be a whole number of requests, or 0 for no quota.</source>
        <translation>Das Monatskontingent muss eine ganze Zahl von Anfragen sein, oder 0 für kein Kontingent.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tokens per minute must be a whole number, or 0 for no token limit.</source>
        <translation>Tokens pro Minute müssen eine ganze Zahl sein, oder 0 für keine Token-Begrenzung.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Over quota is either &quot;block&quot; or &quot;bill&quot;.</source>
        <translation>Über dem Kontingent ist entweder „block“ oder „bill“.</translation>
    </message>
    <message>
        <location line="-256"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Req/min</source>
        <translation>Anfr./min</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Burst</source>
        <translation>Burst</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Monthly quota</source>
        <translation>Monatskontingent</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Price/request</source>
        <translation>Preis/Anfrage</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Monthly fee</source>
        <translation>Grundgebühr</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Overage price</source>
        <translation>Mehrverbrauchspreis</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Over quota</source>
        <translation>Über Kontingent</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Keys refer to their tier by this ID (a-z, 0-9, &apos;-&apos; and &apos;_&apos;)</source>
        <translation>Schlüssel verweisen über diese ID auf ihren Tarif (a-z, 0-9, &apos;-&apos; und &apos;_&apos;)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sustained requests per minute per key; 0 = no rate limit</source>
        <translation>Dauerhafte Anfragen pro Minute und Schlüssel; 0 = keine Ratenbegrenzung</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Requests a key may send at once on top of the rate</source>
        <translation>Anfragen, die ein Schlüssel zusätzlich zur Rate auf einmal senden darf</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Requests per key and calendar month (UTC); 0 = no quota</source>
        <translation>Anfragen pro Schlüssel und Kalendermonat (UTC); 0 = kein Kontingent</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What a key of this tier pays per request, in USD</source>
        <translation>Was ein Schlüssel dieses Tarifs pro Anfrage zahlt, in USD</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fixed monthly fee per key, in USD</source>
        <translation>Feste monatliche Grundgebühr pro Schlüssel, in USD</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Price per request over the quota when over-quota requests are billed</source>
        <translation>Preis pro Anfrage über dem Kontingent, wenn solche Anfragen berechnet werden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What happens once a key has used its monthly quota</source>
        <translation>Was geschieht, wenn ein Schlüssel sein Monatskontingent verbraucht hat</translation>
    </message>
    <message>
        <location line="+298"/>
        <source>New tier</source>
        <translation>Neuer Tarif</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add tier</source>
        <translation>Tarif hinzufügen</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>%n key(s) use the tier &quot;%1&quot;; move them to another tier first.</source>
        <translation>
            <numerusform>%n Schlüssel verwendet den Tarif „%1“; verschieben Sie ihn zuerst in einen anderen Tarif.</numerusform>
            <numerusform>%n Schlüssel verwenden den Tarif „%1“; verschieben Sie sie zuerst in einen anderen Tarif.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Remove tier %1</source>
        <translation>Tarif %1 entfernen</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::TrafficLogModel</name>
    <message>
        <location filename="../ui/shell/trafficlogmodel.cpp" line="+112"/>
        <location line="+31"/>
        <source>reset</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>%1 µs</source>
        <translation>%1 µs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The connection was reset instead of answered</source>
        <translation>Die Verbindung wurde zurückgesetzt statt beantwortet</translation>
    </message>
    <message>
        <location line="+42"/>
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
    <message>
        <location line="-57"/>
        <source>%1
Request ID: %2</source>
        <translation>%1
Anfrage-ID: %2</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::TrafficLogView</name>
    <message>
        <location filename="../ui/shell/trafficlogview.cpp" line="+37"/>
        <source>Filter by method, path, status or request ID</source>
        <translation>Nach Methode, Pfad, Status oder Anfrage-ID filtern</translation>
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
    <name>tollgate::ui::UpstreamFormat</name>
    <message>
        <location filename="../ui/common/upstreamformat.cpp" line="+25"/>
        <location line="+6"/>
        <source>Closed</source>
        <translation>Geschlossen</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Half-open</source>
        <translation>Halb offen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Not served</source>
        <translation>Nicht bedient</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1, probes again in %2</source>
        <translation>%1, erneute Probe in %2</translation>
    </message>
    <message>
        <location line="+44"/>
        <location line="+37"/>
        <source>connect</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>timeout</source>
        <translation>Zeitüberschreitung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>reset</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>protocol</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>refused</source>
        <translation>abgewiesen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>too large</source>
        <translation>zu groß</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>breaker open</source>
        <translation>Breaker offen</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+30"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>DNS</source>
        <translation>DNS</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>address check</source>
        <translation>Adressprüfung</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>first byte</source>
        <translation>erstes Byte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>answer header</source>
        <translation>Antwort-Header</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Failed at %1: %2</source>
        <translation>Fehlgeschlagen bei %1: %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 → %2 from %3</source>
        <translation>%1 → %2 von %3</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::UpstreamHeaderModel</name>
    <message>
        <location filename="../ui/routes/upstreamheadermodel.cpp" line="+36"/>
        <source>Set</source>
        <translation>Setzen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Set replaces what the caller sent, Add adds a field beside it, Remove drops the caller&apos;s field</source>
        <translation>Setzen ersetzt, was der Aufrufer gesendet hat, Hinzufügen fügt ein Feld daneben hinzu, Entfernen verwirft das Feld des Aufrufers</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>(secret)</source>
        <translation>(Geheimnis)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Name a secret to send its value instead of a value written here: the value is kept in the OS keychain (or read from the environment variable of that name), never in the workspace</source>
        <translation>Ein Geheimnis benennen, um dessen Wert statt eines hier geschriebenen zu senden: der Wert liegt im Schlüsselbund des Systems (oder wird aus der gleichnamigen Umgebungsvariable gelesen), nie im Arbeitsbereich</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Secret</source>
        <translation>Geheimnis</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::UpstreamHeadersBox</name>
    <message>
        <location filename="../ui/routes/upstreamheadersbox.cpp" line="+23"/>
        <source>Headers</source>
        <translation>Header</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Keep</source>
        <translation>&amp;Behalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Forget</source>
        <translation>&amp;Vergessen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Header changes</source>
        <translation>Header-Änderungen</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add a header change</source>
        <translation>Eine Header-Änderung hinzufügen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove the selected header change</source>
        <translation>Die ausgewählte Header-Änderung entfernen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>type the value once</source>
        <translation>Wert einmal eingeben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep the value in the OS keychain (never in the workspace)</source>
        <translation>Den Wert im Schlüsselbund des Systems behalten (nie im Arbeitsbereich)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove the value this app keeps</source>
        <translation>Den Wert entfernen, den diese App behält</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Caller credentials for Tollgate never reach the upstream on a route that takes a key. Name a secret to send a value kept in the OS keychain.</source>
        <translation>Zugangsdaten der Aufrufer für Tollgate erreichen den Upstream auf einer Route mit Schlüssel nie. Ein Geheimnis benennen, um einen Wert aus dem Schlüsselbund des Systems zu senden.</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Value of %1:</source>
        <translation>Wert von %1:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value of the secret %1</source>
        <translation>Wert des Geheimnisses %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Set: kept in the OS keychain.</source>
        <translation>Gesetzt: im Schlüsselbund des Systems.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set for this session only: %1</source>
        <translation>Nur für diese Sitzung gesetzt: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Set by the environment variable %1.</source>
        <translation>Gesetzt durch die Umgebungsvariable %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not set: the route is not served until it is (or until the environment variable %1 is set).</source>
        <translation>Nicht gesetzt: die Route wird erst bedient, wenn es gesetzt ist (oder die Umgebungsvariable %1).</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::UpstreamMetricsModel</name>
    <message>
        <location filename="../ui/metrics/upstreammetricsmodel.cpp" line="+122"/>
        <source>Fallback (* /*)</source>
        <translation>Fallback (* /*)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Shared by every route to %1</source>
        <translation>Geteilt von jeder Route zu %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The upstream&apos;s circuit breaker now: closed lets calls through, open refuses them, half-open lets probes through</source>
        <translation>Der Circuit Breaker des Upstreams jetzt: geschlossen lässt Aufrufe durch, offen weist sie ab, halb offen lässt Proben durch</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Requests answered from (or for) the upstream since Tollgate started</source>
        <translation>Anfragen, die seit dem Start von Tollgate vom (oder für den) Upstream beantwortet wurden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Calls to the upstream per request, retries included</source>
        <translation>Aufrufe des Upstreams pro Anfrage, Wiederholungen eingeschlossen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Requests that took more than one attempt</source>
        <translation>Anfragen, die mehr als einen Versuch brauchten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Of the retried requests, those the upstream finally answered below 500</source>
        <translation>Von den wiederholten Anfragen jene, die der Upstream schließlich unter 500 beantwortete</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Requests the upstream gave no answer to (connect, timeout, reset, protocol, refused, too large, breaker open)</source>
        <translation>Anfragen, auf die der Upstream keine Antwort gab (Verbindung, Zeitüberschreitung, abgebrochen, Protokoll, abgewiesen, zu groß, Breaker offen)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Upstream time: first attempt until the upstream&apos;s answer, waits included</source>
        <translation>Upstream-Zeit: vom ersten Versuch bis zur Antwort des Upstreams, Wartezeiten eingeschlossen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Route</source>
        <translation>Route</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Breaker</source>
        <translation>Breaker</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Attempts/req</source>
        <translation>Versuche/Anfr.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Retried</source>
        <translation>Wiederholt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Retry success</source>
        <translation>Wdh. erfolgreich</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Upstream p50</source>
        <translation>Upstream p50</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Upstream p95</source>
        <translation>Upstream p95</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::UpstreamSettingsDialog</name>
    <message>
        <location filename="../ui/shell/upstreamsettingsdialog.cpp" line="+29"/>
        <source>Upstream Settings</source>
        <translation>Upstream-Einstellungen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>none: answer 404</source>
        <translation>keiner: mit 404 antworten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A request that matches no route (other than GET /health) is forwarded here, so a few designed routes can sit in front of a real API</source>
        <translation>Eine Anfrage ohne passende Route (außer GET /health) wird hierher weitergeleitet, sodass einige entworfene Routen vor einer echten API stehen können</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Requests that match no route, except GET /health, are forwarded to this upstream. Empty: they get 404.</source>
        <translation>Anfragen ohne passende Route, außer GET /health, werden an diesen Upstream weitergeleitet. Leer: sie erhalten 404.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Upstreams are refused when their address is private, link-local or the machine&apos;s own, unless a range here (one per line) names it. The app always allows loopback (127.0.0.0/8, ::1/128) for local development; tollgated allows only these ranges and those given with --allow-upstream.</source>
        <translation>Upstreams werden abgewiesen, wenn ihre Adresse privat, link-lokal oder die des eigenen Rechners ist, es sei denn, ein Bereich hier (einer pro Zeile) nennt sie. Die App erlaubt Loopback (127.0.0.0/8, ::1/128) für die lokale Entwicklung immer; tollgated erlaubt nur diese Bereiche und die mit --allow-upstream angegebenen.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Fallback upstream:</source>
        <translation>&amp;Fallback-Upstream:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Allowed addresses:</source>
        <translation>&amp;Erlaubte Adressen:</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Fallback upstream: %1</source>
        <translation>Fallback-Upstream: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Allowed address %1: %2</source>
        <translation>Erlaubte Adresse %1: %2</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Change upstream settings</source>
        <translation>Upstream-Einstellungen ändern</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::UpstreamStatusBox</name>
    <message>
        <location filename="../ui/routes/upstreamstatusbox.cpp" line="+32"/>
        <source>Calls and circuit breaker</source>
        <translation>Aufrufe und Circuit Breaker</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Test Upstream</source>
        <translation>Upstream &amp;testen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Call the upstream&apos;s base URL once (GET) and report how long the name lookup, the connection, TLS and the first byte of the answer took</source>
        <translation>Die Basis-URL des Upstreams einmal aufrufen (GET) und melden, wie lange Namensauflösung, Verbindung, TLS und das erste Byte der Antwort dauerten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Test result</source>
        <translation>Testergebnis</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Breaker:</source>
        <translation>Breaker:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requests:</source>
        <translation>Anfragen:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attempts per request:</source>
        <translation>Versuche pro Anfrage:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retried:</source>
        <translation>Wiederholt:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Errors:</source>
        <translation>Fehler:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upstream latency:</source>
        <translation>Upstream-Latenz:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Counted since Tollgate started; the breaker as the server has it now.</source>
        <translation>Gezählt seit dem Start von Tollgate; der Breaker, wie der Server ihn jetzt hat.</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Not tested yet.</source>
        <translation>Noch nicht getestet.</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>Shared by every route to %1 with these breaker settings; it changed state %n time(s)</source>
        <translation>
            <numerusform>Geteilt von jeder Route zu %1 mit diesen Breaker-Einstellungen; er wechselte %n-mal den Zustand</numerusform>
            <numerusform>Geteilt von jeder Route zu %1 mit diesen Breaker-Einstellungen; er wechselte %n-mal den Zustand</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The route is not served from its upstream: the server has not applied it yet, or it has a problem (see Problems)</source>
        <translation>Die Route wird nicht von ihrem Upstream bedient: der Server hat sie noch nicht übernommen, oder sie hat ein Problem (siehe Probleme)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1, of which %2 succeeded (%3)</source>
        <translation>%1, davon %2 erfolgreich (%3)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>p50 %1 · p95 %2</source>
        <translation>p50 %1 · p95 %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Testing %1…</source>
        <translation>Teste %1…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Not tested: %1</source>
        <translation>Nicht getestet: %1</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::UsageTableModel</name>
    <message>
        <location filename="../ui/keys/usagetablemodel.cpp" line="+138"/>
        <source>Requests admitted (what the quota counts)</source>
        <translation>Zugelassene Anfragen (was das Kontingent zählt)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Requests refused with 429 by the rate limit or the quota</source>
        <translation>Von Ratenbegrenzung oder Kontingent mit 429 abgewiesene Anfragen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Admitted requests answered with a status below 500</source>
        <translation>Zugelassene Anfragen, die mit einem Status unter 500 beantwortet wurden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Billable requests beyond the monthly quota</source>
        <translation>Abrechenbare Anfragen über dem Monatskontingent</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Input (prompt) tokens of billable answers on routes that count tokens</source>
        <translation>Eingabe-Tokens (Prompt) abrechenbarer Antworten auf Routen, die Tokens zählen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Output (completion) tokens of billable answers on routes that count tokens</source>
        <translation>Ausgabe-Tokens (Completion) abrechenbarer Antworten auf Routen, die Tokens zählen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Per-request and per-token charges (the monthly fee is not included)</source>
        <translation>Entgelte pro Anfrage und pro Token (ohne Grundgebühr)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What serving the requests cost</source>
        <translation>Was das Beantworten der Anfragen gekostet hat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Revenue minus cost (the monthly fee is not included)</source>
        <translation>Umsatz minus Kosten (ohne Grundgebühr)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Month</source>
        <translation>Monat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rejected</source>
        <translation>Abgewiesen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Billable</source>
        <translation>Abrechenbar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Overage</source>
        <translation>Mehrverbrauch</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Input tokens</source>
        <translation>Eingabe-Tokens</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Output tokens</source>
        <translation>Ausgabe-Tokens</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Revenue</source>
        <translation>Umsatz</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Margin</source>
        <translation>Marge</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::WebSocketLogModel</name>
    <message>
        <location filename="../ui/requests/websocketlogmodel.cpp" line="+158"/>
        <source>binary: %1</source>
        <translation>binär: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Received</source>
        <translation>Empfangen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connection event</source>
        <translation>Verbindungsereignis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 ms after connecting began</source>
        <translation>%1 ms nach Beginn des Verbindungsaufbaus</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Milliseconds since connecting began</source>
        <translation>Millisekunden seit Beginn des Verbindungsaufbaus</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::WebSocketSession</name>
    <message>
        <location filename="../ui/requests/websocketsession.cpp" line="+43"/>
        <source>&quot;%1&quot; is not a valid URL.</source>
        <translation>„%1“ ist keine gültige URL.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A WebSocket URL starts with ws:// or wss://, not %1://.</source>
        <translation>Eine WebSocket-URL beginnt mit ws:// oder wss://, nicht mit %1://.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&quot;%1&quot; has no host name.</source>
        <translation>„%1“ hat keinen Hostnamen.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Check the token or key on the Auth tab.</source>
        <translation>Prüfen Sie das Token oder den Schlüssel im Reiter Auth.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>There is no WebSocket endpoint at this path.</source>
        <translation>Unter diesem Pfad gibt es keinen WebSocket-Endpunkt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Too many requests: wait before connecting again.</source>
        <translation>Zu viele Anfragen: Warten Sie, bevor Sie sich erneut verbinden.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It answered as a plain HTTP server: is this a WebSocket endpoint?</source>
        <translation>Er hat wie ein gewöhnlicher HTTP-Server geantwortet: Ist das ein WebSocket-Endpunkt?</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Could not connect to %1 within %2 ms.</source>
        <translation>Keine Verbindung zu %1 innerhalb von %2 ms.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The server did not answer the Close frame within %1 s; the connection was dropped.</source>
        <translation>Der Server hat den Close-Frame nicht innerhalb von %1 s beantwortet; die Verbindung wurde getrennt.</translation>
    </message>
    <message>
        <location line="+75"/>
        <location line="+163"/>
        <source>Closed: %1</source>
        <translation>Geschlossen: %1</translation>
    </message>
    <message>
        <location line="-122"/>
        <source>Connecting to %1</source>
        <translation>Verbinde mit %1</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Cancelled before the connection opened.</source>
        <translation>Abgebrochen, bevor die Verbindung offen war.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Closing: %1</source>
        <translation>Schließen: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Closed without waiting for the server&apos;s answer.</source>
        <translation>Geschlossen, ohne auf die Antwort des Servers zu warten.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Connected in %1 ms (101 Switching Protocols)</source>
        <translation>Verbunden in %1 ms (101 Switching Protocols)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>subprotocol %1</source>
        <translation>Subprotokoll %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <location line="+55"/>
        <source>The connection dropped without a Close frame (1006, abnormal closure).</source>
        <translation>Die Verbindung brach ohne Close-Frame ab (1006, abnormales Schließen).</translation>
    </message>
    <message>
        <location line="-50"/>
        <source>Closed by the server: %1</source>
        <translation>Vom Server geschlossen: %1</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The server refused the WebSocket handshake: %1 %2.</source>
        <translation>Der Server hat den WebSocket-Handshake abgelehnt: %1 %2.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Could not connect to %1: connection refused.</source>
        <translation>Keine Verbindung zu %1: Verbindung abgelehnt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Could not find the host %1.</source>
        <translation>Der Host %1 wurde nicht gefunden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The connection to %1 timed out.</source>
        <translation>Zeitüberschreitung bei der Verbindung zu %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The secure connection to %1 failed: %2.</source>
        <translation>Die sichere Verbindung zu %1 ist fehlgeschlagen: %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server closed the connection during the handshake.</source>
        <translation>Der Server hat die Verbindung während des Handshakes geschlossen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The WebSocket connection failed: %1.</source>
        <translation>Die WebSocket-Verbindung ist fehlgeschlagen: %1.</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Normal closure</source>
        <translation>Normales Schließen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Going away</source>
        <translation>Wird verlassen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Protocol error</source>
        <translation>Protokollfehler</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unsupported data</source>
        <translation>Nicht unterstützte Daten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No status code</source>
        <translation>Kein Statuscode</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Abnormal closure</source>
        <translation>Abnormales Schließen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Invalid payload data</source>
        <translation>Ungültige Nutzdaten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Policy violation</source>
        <translation>Richtlinienverstoß</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Message too big</source>
        <translation>Nachricht zu groß</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mandatory extension</source>
        <translation>Erforderliche Erweiterung</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Internal error</source>
        <translation>Interner Fehler</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Service restart</source>
        <translation>Dienst startet neu</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Try again later</source>
        <translation>Später erneut versuchen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bad gateway</source>
        <translation>Fehlerhaftes Gateway</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>TLS handshake failed</source>
        <translation>TLS-Handshake fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::WebSocketView</name>
    <message>
        <location filename="../ui/requests/websocketview.cpp" line="+78"/>
        <source>Connect Anyway</source>
        <translation>Trotzdem verbinden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connect once more without verifying the server&apos;s certificate</source>
        <translation>Noch einmal verbinden, ohne das Zertifikat des Servers zu prüfen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Clear Log</source>
        <translation>Protokoll leeren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Empty the log; the session and its counts go on</source>
        <translation>Das Protokoll leeren; die Sitzung und ihre Zähler laufen weiter</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>Select a message to see it in full.</source>
        <translation>Wählen Sie eine Nachricht, um sie vollständig zu sehen.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Send the message as it is typed</source>
        <translation>Die Nachricht so senden, wie sie eingegeben ist</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+270"/>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <location line="-267"/>
        <source>Check that the message is JSON before sending it</source>
        <translation>Vor dem Senden prüfen, ob die Nachricht JSON ist</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+214"/>
        <source>Send the message (Ctrl+Return in the message box)</source>
        <translation>Die Nachricht senden (Strg+Eingabe im Nachrichtenfeld)</translation>
    </message>
    <message>
        <location line="-209"/>
        <source>A message to send; Ctrl+Return sends it</source>
        <translation>Eine Nachricht zum Senden; Strg+Eingabe sendet sie</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Not sent: not connected. Connect first (Ctrl+Return in the URL).</source>
        <translation>Nicht gesendet: nicht verbunden. Verbinden Sie sich zuerst (Strg+Eingabe in der URL).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not sent: the message is empty.</source>
        <translation>Nicht gesendet: Die Nachricht ist leer.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not sent: invalid JSON at line %1, column %2: %3.</source>
        <translation>Nicht gesendet: ungültiges JSON in Zeile %1, Spalte %2: %3.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Not sent: this is JSON only with its {{tags}} filled in, and messages are sent as typed.</source>
        <translation>Nicht gesendet: Das ist erst mit ausgefüllten {{Tags}} JSON, und Nachrichten werden so gesendet, wie sie eingegeben sind.</translation>
    </message>
    <message>
        <location line="+66"/>
        <location line="+31"/>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>Connect (Ctrl+Return) opens a session with the URL above</source>
        <translation>Verbinden (Strg+Eingabe) öffnet eine Sitzung mit der URL oben</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Esc gives up</source>
        <translation>Esc bricht ab</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disconnect (Esc) sends a Close frame with 1000, normal closure</source>
        <translation>Trennen (Esc) sendet einen Close-Frame mit 1000, normales Schließen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Closing…</source>
        <translation>Wird geschlossen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting for the server&apos;s Close frame</source>
        <translation>Warte auf den Close-Frame des Servers</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Closed by the server</source>
        <translation>Vom Server geschlossen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Closed</source>
        <translation>Geschlossen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server sent the Close frame, with this code and reason</source>
        <translation>Der Server hat den Close-Frame gesendet, mit diesem Code und Grund</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You closed the session</source>
        <translation>Sie haben die Sitzung geschlossen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>%1 sent</source>
        <translation>%1 gesendet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 received</source>
        <translation>%1 empfangen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>first message after %1 ms</source>
        <translation>erste Nachricht nach %1 ms</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 out, %2 in</source>
        <translation>%1 gesendet, %2 empfangen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Connect first to send messages</source>
        <translation>Zum Senden von Nachrichten zuerst verbinden</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>sent</source>
        <translation>gesendet</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>received</source>
        <translation>empfangen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>at %1 ms</source>
        <translation>bei %1 ms</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>binary, %1</source>
        <translation>binär, %1</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::WorkspaceDocument</name>
    <message>
        <location filename="../ui/document/workspacedocument.cpp" line="+84"/>
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
        <location line="+161"/>
        <source>Edit route</source>
        <translation>Route bearbeiten</translation>
    </message>
    <message numerus="yes">
        <location line="+21"/>
        <source>Record %n answer(s)</source>
        <translation>
            <numerusform>%n Antwort aufzeichnen</numerusform>
            <numerusform>%n Antworten aufzeichnen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Delete %1 %2</source>
        <translation>%1 %2 löschen</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Success</source>
        <translation>Erfolg</translation>
    </message>
    <message>
        <location line="-47"/>
        <source>Edit tiers</source>
        <translation>Tarife bearbeiten</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Edit keys</source>
        <translation>Schlüssel bearbeiten</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>There is no key %1.</source>
        <translation>Es gibt keinen Schlüssel %1.</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::WsMessageModel</name>
    <message>
        <location filename="../ui/routes/wsmessagemodel.cpp" line="+51"/>
        <source>Several lines, sent as one text message: edit them below the table</source>
        <translation>Mehrere Zeilen, als eine Textnachricht gesendet: bearbeiten Sie sie unter der Tabelle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The text message sent, a template</source>
        <translation>Die gesendete Textnachricht, eine Vorlage</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The wait before this message is sent, after the one before it</source>
        <translation>Die Wartezeit, bevor diese Nachricht nach der vorigen gesendet wird</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delay ms</source>
        <translation>Verzögerung ms</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::WsMessagesEditor</name>
    <message>
        <location filename="../ui/routes/wsmessageseditor.cpp" line="+87"/>
        <source>Te&amp;xt of message %1:</source>
        <translation>Te&amp;xt der Nachricht %1:</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Up</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Send this message earlier</source>
        <translation>Diese Nachricht früher senden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Down</source>
        <translation>Runter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send this message later</source>
        <translation>Diese Nachricht später senden</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Add a message at the end</source>
        <translation>Eine Nachricht am Ende hinzufügen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove the selected message</source>
        <translation>Die ausgewählte Nachricht entfernen</translation>
    </message>
    <message>
        <location line="+151"/>
        <source>The message: text or JSON, with mustache tags like {{message}}</source>
        <translation>Die Nachricht: Text oder JSON, mit Mustache-Tags wie {{message}}</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::WsRuleEditor</name>
    <message>
        <location filename="../ui/routes/wsruleeditor.cpp" line="+69"/>
        <source>How an incoming text message (or its field at the pointer) is compared with the value</source>
        <translation>Wie eine eingehende Textnachricht (oder ihr Feld am Pointer) mit dem Wert verglichen wird</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Change how a rule matches</source>
        <translation>Vergleich einer Regel ändern</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>whole message</source>
        <translation>ganze Nachricht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A JSON pointer such as /type compares that field of a JSON message; empty compares the whole message</source>
        <translation>Ein JSON-Pointer wie /type vergleicht dieses Feld einer JSON-Nachricht; leer vergleicht die ganze Nachricht</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Change rule pointer</source>
        <translation>Pointer der Regel ändern</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What the message is compared with; a regular expression is ECMAScript, as in JavaScript</source>
        <translation>Womit die Nachricht verglichen wird; ein regulärer Ausdruck ist ECMAScript, wie in JavaScript</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Change rule value</source>
        <translation>Wert der Regel ändern</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Everyone connected: every client of this route, whichever server thread holds it (a chat, a broadcast)</source>
        <translation>Alle Verbundenen: jeder Client dieser Route, gleich welcher Server-Thread ihn hält (ein Chat, ein Broadcast)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Change who gets the replies</source>
        <translation>Empfänger der Antworten ändern</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>After the replies, close the connection with this code: 1000 normal, 1008 policy violation, 3000-4999 your own; empty keeps it open</source>
        <translation>Nach den Antworten die Verbindung mit diesem Code schließen: 1000 normal, 1008 Richtlinienverstoß, 3000-4999 eigene; leer hält sie offen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Change close code</source>
        <translation>Close-Code ändern</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sent with the close code; at most 123 bytes</source>
        <translation>Mit dem Close-Code gesendet; höchstens 123 Bytes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change close reason</source>
        <translation>Close-Grund ändern</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Replies, in order, each after its delay; {{message}} is the message answered.</source>
        <translation>Antworten, der Reihe nach, jede nach ihrer Verzögerung; {{message}} ist die beantwortete Nachricht.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Te&amp;xt of reply %1:</source>
        <translation>Te&amp;xt der Antwort %1:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No replies: a message this rule matches is answered with nothing (and the connection closed, with a close code).</source>
        <translation>Keine Antworten: Eine Nachricht, auf die diese Regel passt, wird mit nichts beantwortet (und die Verbindung geschlossen, mit einem Close-Code).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add a reply at the end</source>
        <translation>Eine Antwort am Ende hinzufügen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove the selected reply</source>
        <translation>Die ausgewählte Antwort entfernen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Edit replies</source>
        <translation>Antworten bearbeiten</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Mat&amp;ch:</source>
        <translation>&amp;Vergleich:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Po&amp;inter:</source>
        <translation>P&amp;ointer:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Value:</source>
        <translation>We&amp;rt:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Repl&amp;y to:</source>
        <translation>&amp;Ziel der Antworten:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cl&amp;ose code:</source>
        <translation>&amp;Close-Code:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reaso&amp;n:</source>
        <translation>&amp;Grund:</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Rule %1</source>
        <translation>Regel %1</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>No rule selected</source>
        <translation>Keine Regel ausgewählt</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Pointer: a JSON pointer starts with &apos;/&apos;, such as /type.</source>
        <translation>Pointer: Ein JSON-Pointer beginnt mit &apos;/&apos;, wie /type.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Value: not a regular expression: %1</source>
        <translation>Wert: kein regulärer Ausdruck: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Close code: %1</source>
        <translation>Close-Code: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Close reason: at most %1 bytes, the rest of a close frame (it has %2).</source>
        <translation>Close-Grund: höchstens %1 Bytes, der Rest eines Close-Frames (er hat %2).</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>every text message matches</source>
        <translation>jede Textnachricht passt</translation>
    </message>
</context>
<context>
    <name>tollgate::ui::WsRuleModel</name>
    <message>
        <location filename="../ui/routes/routewebsockettab.cpp" line="-242"/>
        <location filename="../ui/routes/wsrulemodel.cpp" line="+42"/>
        <location line="+59"/>
        <source>contains</source>
        <translation>enthält</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../ui/routes/wsrulemodel.cpp" line="+8"/>
        <source>whole message</source>
        <translation>ganze Nachricht</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../ui/routes/wsrulemodel.cpp" line="+16"/>
        <source>everyone</source>
        <translation>alle</translation>
    </message>
    <message>
        <location filename="../ui/routes/wsrulemodel.cpp" line="-83"/>
        <location line="+59"/>
        <source>equals</source>
        <translation>ist gleich</translation>
    </message>
    <message>
        <location line="-59"/>
        <source>matches regex</source>
        <translation>passt auf Regex</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>any message</source>
        <translation>jede Nachricht</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the sender</source>
        <translation>der Absender</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>everyone connected</source>
        <translation>alle Verbundenen</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>regex</source>
        <translation>Regex</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>any</source>
        <translation>beliebig</translation>
    </message>
    <message>
        <location filename="../ui/routes/routewebsockettab.cpp" line="-1"/>
        <location filename="../ui/routes/wsrulemodel.cpp" line="+24"/>
        <source>sender</source>
        <translation>Absender</translation>
    </message>
    <message>
        <location filename="../ui/routes/wsrulemodel.cpp" line="+10"/>
        <source>Closes the connection after the replies</source>
        <translation>Schließt die Verbindung nach den Antworten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keeps the connection open</source>
        <translation>Hält die Verbindung offen</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Match</source>
        <translation>Vergleich</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pointer</source>
        <translation>Pointer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>To</source>
        <translation>An</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close code</source>
        <translation>Close-Code</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close reason</source>
        <translation>Close-Grund</translation>
    </message>
</context>
</TS>
