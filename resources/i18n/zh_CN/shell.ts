<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>Console tabs</source>
        <extracomment>the status bar&apos;s database label is cut in the middle beyond this (the tooltip has it whole) the window has been exposed and painted once (start-up work may begin) presenter mode (issue 15): per session, View &gt; Presenter mode or --presenter what connecting still has to do, one step per turn of the event loop, and for which database</extracomment>
        <translation>控制台标签页</translation>
    </message>
    <message>
        <source>Overvie&amp;w</source>
        <translation>概览(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Accounts</source>
        <translation>账户(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;CDR retention</source>
        <translation>CDR 保留(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Deletion queue</source>
        <translation>删除队列(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Policy notices</source>
        <translation>隐私政策通知(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Law enforcement</source>
        <translation>执法部门(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Connect…</source>
        <translation>连接(&amp;C)…</translation>
    </message>
    <message>
        <source>Choose a profile or database and connect</source>
        <translation>选择配置文件或数据库并连接</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>断开连接(&amp;D)</translation>
    </message>
    <message>
        <source>Close the connection to the database</source>
        <translation>关闭与数据库的连接</translation>
    </message>
    <message>
        <source>Export audit &amp;report…</source>
        <translation>导出审计报告(&amp;R)…</translation>
    </message>
    <message>
        <source>A PDF of the promises, their verdicts and the evidence of a period</source>
        <translation>一份 PDF：各项承诺、其结论以及某一期间的证据</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Read the figures again</source>
        <translation>重新读取数据</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Quit minisip-console</source>
        <translation>退出 minisip-console</translation>
    </message>
    <message>
        <source>&amp;About minisip-console</source>
        <translation>关于 minisip-console(&amp;A)</translation>
    </message>
    <message>
        <source>Open the &amp;log folder</source>
        <translation>打开日志文件夹(&amp;L)</translation>
    </message>
    <message>
        <source>Where minisip-console writes its log</source>
        <translation>minisip-console 写入日志的位置</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>&amp;Presenter mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <source>Hide the login, local paths and the database host, enlarge the text and keep personal data masked</source>
        <translation>隐藏登录名、本地路径和数据库主机，放大文字，并保持个人数据遮蔽</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>CDR retention</source>
        <translation>CDR 保留</translation>
    </message>
    <message>
        <source>Deletion queue</source>
        <translation>删除队列</translation>
    </message>
    <message>
        <source>Policy notices</source>
        <translation>隐私政策通知</translation>
    </message>
    <message>
        <source>Law enforcement</source>
        <translation>执法部门</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
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
    <message>
        <source>Demo data</source>
        <extracomment>shown on the demo database: nothing in it is real</extracomment>
        <translation>演示数据</translation>
    </message>
    <message>
        <source>The built-in demo database: sample data, nothing in it is real or evidence</source>
        <translation>内置演示数据库：示例数据，其中的任何内容都不是真实的，也不能作为证据</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>Not connected: the connection failed</source>
        <translation>未连接：连接失败</translation>
    </message>
    <message>
        <source>Profile: demo (built-in sample data)</source>
        <translation>配置文件：演示（内置示例数据）</translation>
    </message>
    <message>
        <source>Profile: {profile}</source>
        <translation>配置文件：{profile}</translation>
    </message>
    <message>
        <source>Profile: none (a database URL)</source>
        <translation>配置文件：无（数据库 URL）</translation>
    </message>
    <message>
        <source>Role: {role}</source>
        <translation>角色：{role}</translation>
    </message>
    <message>
        <source>Role: {role} (read-only: not a registered operator)</source>
        <translation>角色：{role}（只读：不是已注册的操作员）</translation>
    </message>
    <message>
        <source>Database: {database}</source>
        <translation>数据库：{database}</translation>
    </message>
    <message>
        <source>Operator: {operator}</source>
        <translation>操作员：{operator}</translation>
    </message>
    <message>
        <source>{role} (demo)</source>
        <translation>{role}（演示）</translation>
    </message>
    <message>
        <source>{role} (single-user file)</source>
        <translation>{role}（单用户文件）</translation>
    </message>
    <message>
        <source>demo</source>
        <comment>the demo database in the window title</comment>
        <translation>演示</translation>
    </message>
    <message>
        <source>{what}: {done:,} of {total:,}</source>
        <translation>{what}：{done:,} / {total:,}</translation>
    </message>
    <message>
        <source>{done:,} of {total:,}</source>
        <translation>{done:,} / {total:,}</translation>
    </message>
    <message>
        <source>Created the demo database and connected to {database}.</source>
        <translation>已创建演示数据库并连接到 {database}。</translation>
    </message>
    <message>
        <source>Connected to {database}.</source>
        <translation>已连接到 {database}。</translation>
    </message>
    <message>
        <source>Connecting failed because of a bug in the console; the details are in the crash report.</source>
        <translation>由于控制台的程序错误，连接失败；详情见崩溃报告。</translation>
    </message>
    <message>
        <source>Not connected: connecting was cancelled</source>
        <translation>未连接：连接已取消</translation>
    </message>
    <message>
        <source>Reading the figures…</source>
        <translation>正在读取数据…</translation>
    </message>
    <message>
        <source>The figures could not be read.</source>
        <translation>无法读取数据。</translation>
    </message>
    <message>
        <source>A&amp;udit log</source>
        <translation>审计日志(&amp;U)</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>&amp;Operators</source>
        <translation>操作员(&amp;O)</translation>
    </message>
    <message>
        <source>Operators</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>About {app}</source>
        <translation>关于 {app}</translation>
    </message>
    <message>
        <source>The privacy console of Cloud miniSIPServer: keep every promise of the privacy policy, and prove it.</source>
        <translation>Cloud miniSIPServer 的隐私控制台：遵守隐私政策的每一项承诺，并加以证明。</translation>
    </message>
    <message>
        <source>Log folder: {folder}</source>
        <translation>日志文件夹：{folder}</translation>
    </message>
    <message>
        <source>Could not open the log folder {folder}.</source>
        <translation>无法打开日志文件夹 {folder}。</translation>
    </message>
    <message>
        <source>Open it in your file manager.</source>
        <translation>请在文件管理器中打开它。</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>New here? Open the demo: a built-in database of sample accounts, CDRs and requests, created on this computer the first time (nothing in it is real).</source>
        <extracomment>the demo box&apos;s sentence (core Texts: translated where shown, the translator being installed after import)</extracomment>
        <translation>第一次使用？打开演示：一个内置数据库，包含示例账户、CDR 和请求，首次打开时在本机创建（其中的内容都不是真实的）。</translation>
    </message>
    <message>
        <source>Or open the built-in demo database (sample data, nothing in it is real).</source>
        <translation>或者打开内置演示数据库（示例数据，其中的内容都不是真实的）。</translation>
    </message>
    <message>
        <source>Presenter mode: the connection details are hidden. Choose a profile and Connect, or open the demo.</source>
        <translation>演示模式：连接详情已隐藏。请选择一个配置文件并连接，或打开演示。</translation>
    </message>
    <message>
        <source>disable</source>
        <comment>TLS mode</comment>
        <translation>不加密</translation>
    </message>
    <message>
        <source>prefer</source>
        <comment>TLS mode</comment>
        <translation>优先加密</translation>
    </message>
    <message>
        <source>require</source>
        <comment>TLS mode</comment>
        <translation>必须加密</translation>
    </message>
    <message>
        <source>verify-ca</source>
        <comment>TLS mode</comment>
        <translation>加密并验证证书</translation>
    </message>
    <message>
        <source>verify-full</source>
        <comment>TLS mode</comment>
        <translation>加密并验证证书和主机名</translation>
    </message>
    <message>
        <source>Connect to a database</source>
        <extracomment>the operator chose a database: the main window connects to it outcome of &quot;Test connection&quot; (ok, the sentence shown) a profile was saved (its name), or saving failed (an empty name)</extracomment>
        <translation>连接到数据库</translation>
    </message>
    <message>
        <source>Profiles</source>
        <extracomment>the one long-action path (ui/long_action.py): a test or a save, one at a time</extracomment>
        <translation>配置文件</translation>
    </message>
    <message>
        <source>The saved connection profiles: choose one to fill in the form</source>
        <translation>已保存的连接配置文件：选择一个以填写表单</translation>
    </message>
    <message>
        <source>Profi&amp;les:</source>
        <translation>配置文件(&amp;L)：</translation>
    </message>
    <message>
        <source>New &amp;profile</source>
        <translation>新建配置文件(&amp;P)</translation>
    </message>
    <message>
        <source>production</source>
        <comment>an example profile name</comment>
        <translation>例如：生产环境</translation>
    </message>
    <message>
        <source>PostgreSQL server</source>
        <translation>PostgreSQL 服务器</translation>
    </message>
    <message>
        <source>SQLite file</source>
        <translation>SQLite 文件</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>verify-full checks the server&apos;s certificate and name; use it over any untrusted network</source>
        <translation>“加密并验证证书和主机名”会检查服务器的证书和名称；在任何不可信的网络上都应使用它</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>T&amp;ype:</source>
        <translation>类型(&amp;Y)：</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>主机(&amp;H)：</translation>
    </message>
    <message>
        <source>Po&amp;rt:</source>
        <translation>端口(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>数据库(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>用户(&amp;U)：</translation>
    </message>
    <message>
        <source>TLS &amp;mode:</source>
        <translation>TLS 模式(&amp;M)：</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>密码(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Open the demo</source>
        <translation>打开演示(&amp;O)</translation>
    </message>
    <message>
        <source>Open the built-in demo database (minisip-console --demo); it is created the first time</source>
        <translation>打开内置演示数据库（minisip-console --demo）；首次打开时创建</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>连接(&amp;C)</translation>
    </message>
    <message>
        <source>{profile}: a PostgreSQL database</source>
        <translation>{profile}：PostgreSQL 数据库</translation>
    </message>
    <message>
        <source>{profile}: an SQLite file</source>
        <translation>{profile}：SQLite 文件</translation>
    </message>
    <message>
        <source>stored in the OS keyring: leave empty to keep it</source>
        <translation>已保存在系统密钥环中：留空则保持不变</translation>
    </message>
    <message>
        <source>&amp;Database file:</source>
        <translation>数据库文件(&amp;D)：</translation>
    </message>
    <message>
        <source>minisip</source>
        <comment>an example database name</comment>
        <translation>数据库名称</translation>
    </message>
    <message>
        <source>Choose the SQLite database</source>
        <translation>选择 SQLite 数据库</translation>
    </message>
    <message>
        <source>SQLite databases (*.db *.sqlite *.sqlite3);;All files (*)</source>
        <translation>SQLite 数据库 (*.db *.sqlite *.sqlite3);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Choose the SQLite database file.</source>
        <translation>请选择 SQLite 数据库文件。</translation>
    </message>
    <message>
        <source>Type its path or use Browse….</source>
        <translation>输入其路径，或使用“浏览…”。</translation>
    </message>
    <message>
        <source>Give the PostgreSQL server&apos;s host name.</source>
        <translation>请填写 PostgreSQL 服务器的主机名。</translation>
    </message>
    <message>
        <source>For example db.example.com or 127.0.0.1.</source>
        <translation>例如 db.example.com 或 127.0.0.1。</translation>
    </message>
    <message>
        <source>Give the name of the database on the server.</source>
        <translation>请填写服务器上数据库的名称。</translation>
    </message>
    <message>
        <source>For example minisip.</source>
        <translation>例如 minisip。</translation>
    </message>
    <message>
        <source>Testing the connection to {what}…</source>
        <translation>正在测试到 {what} 的连接…</translation>
    </message>
    <message>
        <source>Saved profile {profile}. Its password is in the OS keyring.</source>
        <translation>已保存配置文件 {profile}。其密码保存在系统密钥环中。</translation>
    </message>
    <message>
        <source>Saved profile {profile}.</source>
        <translation>已保存配置文件 {profile}。</translation>
    </message>
    <message>
        <source>the demo database</source>
        <extracomment>from the connect dialog: a profile&apos;s fields and a typed password (not saved, or edited)</extracomment>
        <translation>演示数据库</translation>
    </message>
    <message>
        <source>profile {profile}</source>
        <translation>配置文件 {profile}</translation>
    </message>
    <message>
        <source>the database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>the last used profile</source>
        <translation>上次使用的配置文件</translation>
    </message>
    <message>
        <source>There is no SQLite database at {path}.</source>
        <translation>{path} 处没有 SQLite 数据库。</translation>
    </message>
    <message>
        <source>Check the path, or create one with: {command}</source>
        <translation>请检查路径，或用以下命令创建：{command}</translation>
    </message>
    <message>
        <source>Creating the demo database</source>
        <translation>正在创建演示数据库</translation>
    </message>
    <message>
        <source>Creating the demo database was cancelled.</source>
        <translation>演示数据库的创建已取消。</translation>
    </message>
    <message>
        <source>Start it again with --demo.</source>
        <translation>请使用 --demo 重新开始。</translation>
    </message>
    <message>
        <source>Connecting to {what}…</source>
        <extracomment>what the window imports when it first shows a database (the tabs&apos; core modules, the tabs and dialogs added then). ``connect`` imports them (``warm_up``) on its pool thread once the database is open: imported on the GUI thread they held it for about half a second (benchmarks/remote_gui.py). In the same thread as the connection&apos;s own imports, never beside them (two threads importing one package at once can meet a partly initialised module). Module code only: none of them makes a Qt object when imported.</extracomment>
        <translation>正在连接到 {what}…</translation>
    </message>
    <message>
        <source>No profile has been used yet: choose or create one.</source>
        <translation>尚未使用过任何配置文件：请选择或创建一个。</translation>
    </message>
    <message>
        <source>Connecting was cancelled.</source>
        <translation>连接已取消。</translation>
    </message>
    <message>
        <source>No database chosen.</source>
        <translation>未选择数据库。</translation>
    </message>
    <message>
        <source>Connected to {database}. The schema is current ({head}); you are {operator}.</source>
        <translation>已连接到 {database}。数据库结构为最新（{head}）；您的身份是 {operator}。</translation>
    </message>
    <message>
        <source>{app}: unexpected error</source>
        <translation>{app}：意外错误</translation>
    </message>
    <message>
        <source>(empty)</source>
        <comment>no recent log lines</comment>
        <translation>（空）</translation>
    </message>
    <message>
        <source>recent log</source>
        <translation>最近的日志</translation>
    </message>
    <message>
        <source>{app} met an unexpected error.</source>
        <translation>{app} 遇到了意外错误。</translation>
    </message>
    <message>
        <source>This is a bug in the console, not something you did. The window stays open, but what you were doing may not have finished: check its result before you try again. Please send the details below (they contain no passwords) to the console&apos;s maintainers.</source>
        <translation>这是控制台的程序错误，不是您的操作所致。窗口会保持打开，但您正在进行的操作可能没有完成：请先检查其结果再重试。请将下面的详情（不含任何密码）发送给控制台的维护人员。</translation>
    </message>
    <message>
        <source>Crash details</source>
        <translation>崩溃详情</translation>
    </message>
    <message>
        <source>Log file: {path}</source>
        <translation>日志文件：{path}</translation>
    </message>
    <message>
        <source>Log file: {path} (not written yet)</source>
        <translation>日志文件：{path}（尚未写入）</translation>
    </message>
    <message>
        <source>Log file: no log file (the log folder cannot be written); the recent lines are above</source>
        <translation>日志文件：无（日志文件夹无法写入）；最近的日志行见上方</translation>
    </message>
    <message>
        <source>&amp;Copy details</source>
        <translation>复制详情(&amp;C)</translation>
    </message>
    <message>
        <source>Open &amp;log folder</source>
        <translation>打开日志文件夹(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Copied</source>
        <translation>已复制(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>继续(&amp;C)</translation>
    </message>
    <message>
        <source>Presenter mode: personal data stays masked.</source>
        <extracomment>the application font&apos;s scale while presenting (restored when the mode ends) what the Accounts tab, the refused actions and the refusal message say (core Texts: English here, translated where shown, since the translator is installed after this module is imported)</extracomment>
        <translation>演示模式：个人数据保持遮蔽。</translation>
    </message>
    <message>
        <source>Turn presenter mode off (View &gt; Presenter mode) to state a purpose and see an account&apos;s details.</source>
        <translation>关闭演示模式（视图 &gt; 演示模式）后，才能说明用途并查看账户详情。</translation>
    </message>
    <message>
        <source>operator</source>
        <extracomment>the neutral words that replace what is hidden (translated when a text is put on the list)</extracomment>
        <translation>操作员</translation>
    </message>
    <message>
        <source>a local folder</source>
        <translation>某个本地文件夹</translation>
    </message>
    <message>
        <source>a local path</source>
        <translation>某个本地路径</translation>
    </message>
    <message>
        <source>the database file</source>
        <translation>数据库文件</translation>
    </message>
    <message>
        <source>the database server</source>
        <translation>数据库服务器</translation>
    </message>
    <message>
        <source>Demo database</source>
        <extracomment>a login that is also one of the window&apos;s own words (a role, &quot;demo&quot;) is not replaced: it tells nothing about the person, and replacing it would garble every &quot;Role: admin&quot; an absolute POSIX path of two parts or more (&quot;/tmp/x&quot;), not inside a URL (&quot;https://a/b&quot;) or a word (&quot;and/or&quot;, &quot;2024/01/15&quot;); a Windows path (&quot;C:\Users\...&quot;)</extracomment>
        <translation>演示数据库</translation>
    </message>
    <message>
        <source>a PostgreSQL database</source>
        <translation>PostgreSQL 数据库</translation>
    </message>
    <message>
        <source>an SQLite file</source>
        <translation>SQLite 文件</translation>
    </message>
    <message>
        <source> · stopping…</source>
        <extracomment>English, for the tests; the row appends its translation, ``stopping_text()``</extracomment>
        <translation> · 正在停止…</translation>
    </message>
    <message>
        <source>Request {request}: {what}</source>
        <extracomment>a payload as the row shows it: (value, maximum, text); maximum 0 is a busy bar</extracomment>
        <translation>请求 {request}：{what}</translation>
    </message>
    <message>
        <source>Request {request}</source>
        <translation>请求 {request}</translation>
    </message>
    <message>
        <source>Export audit report</source>
        <translation>导出审计报告</translation>
    </message>
    <message>
        <source>Report file</source>
        <translation>报告文件</translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation>选择(&amp;C)…</translation>
    </message>
    <message>
        <source>A PDF an auditor can file: the promises and their verdicts, then the evidence of the period (purge receipts, deletion requests, notice campaigns, the law-enforcement register, access grants, operators, the audit chain). Account ids only. Its SHA-256 is recorded in the audit log.</source>
        <translation>一份可供审计人员存档的 PDF：各项承诺及其结论，然后是该期间的证据（清除回执、删除请求、通知活动、执法登记簿、访问授权、操作员、审计链）。只包含账户编号。其 SHA-256 会记录在审计日志中。</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>从(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>到(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Export the audit report</source>
        <translation>导出审计报告</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>The period starts ({start}) after it ends ({end}).</source>
        <translation>期间的开始日期（{start}）晚于结束日期（{end}）。</translation>
    </message>
    <message>
        <source>Choose the file to write.</source>
        <translation>请选择要写入的文件。</translation>
    </message>
    <message>
        <source>The file name must end in .pdf.</source>
        <translation>文件名必须以 .pdf 结尾。</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist.</source>
        <translation>文件夹 {folder} 不存在。</translation>
    </message>
    <message>
        <source>Audit report written to {path} ({pages}); its SHA-256 {sha256} is recorded in the audit log (event {event}).</source>
        <translation>审计报告已写入 {path}（{pages}）；其 SHA-256 {sha256} 已记录在审计日志中（事件 {event}）。</translation>
    </message>
    <message>
        <source>{count:,} page</source>
        <translation>{count:,} 页</translation>
    </message>
    <message>
        <source>{count:,} pages</source>
        <translation>{count:,} 页</translation>
    </message>
    <message>
        <source>Loading…</source>
        <extracomment>a subclass that answers data() itself is asked through data(), one role at a time a datetime column&apos;s cells show local time; hovering one shows it in UTC (``_tooltip``) the first page&apos;s cell texts (``texts``); None: formatted when adopted a ConsoleError while counting or fetching (the tab shows it) a new source&apos;s count and first page are in (after the reset) a page arrived: its number (tests and benchmarks wait on it) pages read at the same time (a page is one indexed query; the pool has few threads) pages waiting to be read; older requests (rows scrolled past) are dropped the first column of a row whose page is still being read (English; shown through ``tr``)
----------
for the empty state&apos;s sentence: &quot;Open a database to see {what}&quot; pieces of the content built apart, each by its ``_build_&lt;name&gt;`` method through ``_part``: connecting builds them one per turn of the event loop (``build_steps``), so a big tab never holds the GUI thread for the whole of its build</extracomment>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Not connected — File &gt; Connect…</source>
        <extracomment>English, for the tests; the window shows ``not_connected_title()`` (the translator is installed after import)</extracomment>
        <translation>未连接 — 文件 &gt; 连接…</translation>
    </message>
    <message>
        <source>this</source>
        <comment>the not-connected tab: open a database to see this</comment>
        <translation>此内容</translation>
    </message>
    <message>
        <source>whether every promise is kept</source>
        <translation>每项承诺是否都已遵守</translation>
    </message>
    <message>
        <source>the accounts</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>how old the call detail records are</source>
        <translation>通话记录的存放时长</translation>
    </message>
    <message>
        <source>the deletion requests</source>
        <translation>删除请求</translation>
    </message>
    <message>
        <source>the privacy policy versions</source>
        <translation>隐私政策的各个版本</translation>
    </message>
    <message>
        <source>the law-enforcement register</source>
        <translation>执法登记簿</translation>
    </message>
    <message>
        <source>the audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>the operators</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Open a database to see {what}: a saved profile, a PostgreSQL server or an SQLite file. To try the console on sample data, start it with --demo.</source>
        <translation>打开数据库即可查看{what}：已保存的配置文件、PostgreSQL 服务器或 SQLite 文件。要用示例数据试用控制台，请使用 --demo 启动。</translation>
    </message>
    <message>
        <source>viewer</source>
        <comment>role</comment>
        <extracomment>why an action is not open: the core&apos;s refusal, a sentence of the window&apos;s own (not connected, nothing selected, work running), or None when it is open</extracomment>
        <translation>查看者</translation>
    </message>
    <message>
        <source>operator</source>
        <comment>role</comment>
        <translation>操作员</translation>
    </message>
    <message>
        <source>approver</source>
        <comment>role</comment>
        <translation>审批人</translation>
    </message>
    <message>
        <source>admin</source>
        <comment>role</comment>
        <translation>管理员</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between the names of buttons</comment>
        <translation>、</translation>
    </message>
    <message>
        <source>{who} cannot use {buttons}: that needs the {role} role or higher.</source>
        <translation>{who} 无法使用{buttons}：需要{role}或更高的角色。</translation>
    </message>
    <message>
        <source>{buttons}: {reason}</source>
        <translation>{buttons}：{reason}</translation>
    </message>
    <message>
        <source>{work} was cancelled before it started.</source>
        <extracomment>at most this many progress signals a second (the last one always goes out) after finished or failed: the keeper releases the worker</extracomment>
        <translation>{work} 在开始前已取消。</translation>
    </message>
    <message>
        <source>less than a day</source>
        <translation>不到一天</translation>
    </message>
    <message>
        <source>{count:,} day</source>
        <translation>{count:,} 天</translation>
    </message>
    <message>
        <source>{count:,} days</source>
        <translation>{count:,} 天</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>Extension</source>
        <translation>分机</translation>
    </message>
    <message>
        <source>Trunk</source>
        <translation>中继</translation>
    </message>
    <message>
        <source>Dial plan</source>
        <translation>拨号方案</translation>
    </message>
    <message>
        <source>IVR</source>
        <translation>IVR</translation>
    </message>
    <message>
        <source>Voicemail</source>
        <translation>语音信箱</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Ring group</source>
        <translation>振铃组</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Unverified</source>
        <translation>未核实</translation>
    </message>
    <message>
        <source>Time limit</source>
        <translation>已达时限</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>Scheduler</source>
        <translation>计划任务</translation>
    </message>
    <message>
        <source>Operator</source>
        <comment>who started a run</comment>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Not decided</source>
        <translation>未决定</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
</TS>
