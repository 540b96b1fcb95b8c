<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>&amp;Language</source>
        <extracomment>the status bar&apos;s database label is cut in the middle beyond this (the tooltip has it whole) the window has been exposed and painted once (start-up work may begin) presenter mode (issue 15): per session, View &gt; Presenter mode or --presenter what connecting still has to do, one step per turn of the event loop, and for which database</extracomment>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>minisip-console will speak {language} from its next start.</source>
        <translation>minisip-console 下次启动时将使用{language}。</translation>
    </message>
</context>
</TS>
