<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>tollgate::ui::MainWindow</name>
    <message numerus="yes">
        <location filename="../ui/mainwindow.cpp" line="+525"/>
        <source>Opened %1 with %n problem(s); the rest loaded.</source>
        <translation>
            <numerusform>Opened %1 with %n problem; the rest loaded.</numerusform>
            <numerusform>Opened %1 with %n problems; the rest loaded.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+225"/>
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
        <location line="+29"/>
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n problem</numerusform>
            <numerusform>%n problems</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tollgate::ui::TrafficLogView</name>
    <message numerus="yes">
        <location filename="../ui/trafficlogview.cpp" line="+135"/>
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
</TS>
