<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>email</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>Rectify the account&apos;s details</source>
        <translation>更正账户信息</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>邮箱(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Company:</source>
        <translation>公司(&amp;C)：</translation>
    </message>
    <message>
        <source>Nothing changed.</source>
        <translation>没有任何更改。</translation>
    </message>
    <message>
        <source>{file} — account {id}</source>
        <translation>{file} — 账户 {id}</translation>
    </message>
    <message>
        <source>{file} · {type} · {size} bytes · uploaded {time}</source>
        <translation>{file} · {type} · {size} 字节 · 上传于 {time}</translation>
    </message>
    <message>
        <source> · WARNING: the content does not match its recorded SHA-256</source>
        <translation> · 警告：内容与记录的 SHA-256 不符</translation>
    </message>
    <message>
        <source>Content of {file}</source>
        <translation>{file} 的内容</translation>
    </message>
    <message>
        <source>The image could not be decoded.</source>
        <translation>无法解码该图片。</translation>
    </message>
    <message>
        <source>Audio: {channels} channel(s), {rate:,} Hz, {bits}-bit, {frames:,} frames ({seconds:.1f} s). The console does not play recordings.</source>
        <translation>音频：{channels} 声道，{rate:,} Hz，{bits} 位，{frames:,} 帧（{seconds:.1f} 秒）。控制台不播放录音。</translation>
    </message>
    <message>
        <source>Audio in a format the console cannot read; no preview.</source>
        <translation>控制台无法读取此音频格式，无法预览。</translation>
    </message>
    <message>
        <source>No preview for this kind of file.</source>
        <translation>此类文件无法预览。</translation>
    </message>
    <message>
        <source>Account {id}</source>
        <extracomment>a core refusal or failure shown in the message line (tests wait on it)
----------
the one long-action path (ui/long_action.py): opening a file and rectifying, one at a time; the export</extracomment>
        <translation>账户 {id}</translation>
    </message>
    <message>
        <source>&amp;Rectify…</source>
        <translation>更正(&amp;R)…</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation>重新加载(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Cancel export</source>
        <translation>取消导出(&amp;C)</translation>
    </message>
    <message>
        <source>Account details sections</source>
        <translation>账户详情分区</translation>
    </message>
    <message>
        <source>{what} failed because of a bug in the console; the details are in the crash report.</source>
        <translation>“{what}”因控制台的程序错误而失败，详情见崩溃报告。</translation>
    </message>
    <message>
        <source>Correct the name, email or company (audited)</source>
        <translation>更正姓名、邮箱或公司（记入审计日志）</translation>
    </message>
    <message>
        <source>Export everything held about the account to a ZIP</source>
        <translation>将该账户的全部数据导出为 ZIP</translation>
    </message>
    <message>
        <source>The details are still being read.</source>
        <translation>仍在读取详情。</translation>
    </message>
    <message>
        <source>Account {id}: {name}</source>
        <translation>账户 {id}：{name}</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>邮箱：</translation>
    </message>
    <message>
        <source>Company:</source>
        <translation>公司：</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Created:</source>
        <translation>创建时间：</translation>
    </message>
    <message>
        <source>Not decided: no marketing use of the name or company.</source>
        <translation>未决定：不得在营销中使用姓名或公司。</translation>
    </message>
    <message>
        <source>Permitted on {time}; evidence: {evidence}</source>
        <translation>于 {time} 允许；证据：{evidence}</translation>
    </message>
    <message>
        <source>Refused on {time}; evidence: {evidence}</source>
        <translation>于 {time} 拒绝；证据：{evidence}</translation>
    </message>
    <message>
        <source>Marketing permission:</source>
        <translation>营销许可：</translation>
    </message>
    <message>
        <source>&amp;Profile</source>
        <translation>资料(&amp;P)</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Uploaded</source>
        <translation>上传时间</translation>
    </message>
    <message>
        <source>Disclosed</source>
        <translation>披露时间</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <source>Configurations</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>One row per configuration of the account: its kind, name, last update and settings</source>
        <translation>该账户的每项配置一行：类型、名称、最后更新时间和设置</translation>
    </message>
    <message>
        <source>Co&amp;nfigurations ({count})</source>
        <translation>配置（{count}）(&amp;N)</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>One row per file the account uploaded, by metadata only: name, type, size, upload time, SHA-256</source>
        <translation>该账户上传的每个文件一行，仅含元数据：名称、类型、大小、上传时间、SHA-256</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Opening a file needs the reference of the customer&apos;s request to open it</source>
        <translation>打开文件需要提供客户要求打开该文件的请求编号</translation>
    </message>
    <message>
        <source>Files are listed by metadata only. Opening one needs the customer&apos;s request and is audited.</source>
        <translation>文件仅按元数据列出。打开文件需要客户的请求，并会记入审计日志。</translation>
    </message>
    <message>
        <source>&amp;Files ({count})</source>
        <translation>文件（{count}）(&amp;F)</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>From</source>
        <translation>发件人</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>发送时间</translation>
    </message>
    <message>
        <source>Correspondence</source>
        <translation>往来邮件</translation>
    </message>
    <message>
        <source>One row per message with the customer: when, the ticket, the direction, the sender, the subject</source>
        <translation>与客户往来的每封邮件一行：时间、工单、方向、发件人、主题</translation>
    </message>
    <message>
        <source>Message body</source>
        <translation>邮件正文</translation>
    </message>
    <message>
        <source>Corr&amp;espondence ({count})</source>
        <translation>往来邮件（{count}）(&amp;E)</translation>
    </message>
    <message>
        <source>To</source>
        <translation>被叫</translation>
    </message>
    <message>
        <source>Caller ID</source>
        <translation>主叫号码</translation>
    </message>
    <message>
        <source>Duration s</source>
        <translation>时长（秒）</translation>
    </message>
    <message>
        <source>Billed s</source>
        <translation>计费（秒）</translation>
    </message>
    <message>
        <source>Disposition</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Recent CDRs</source>
        <translation>最近的 CDR</translation>
    </message>
    <message>
        <source>One row per recent call of the account: start, from, to, caller ID, duration, billed seconds, disposition</source>
        <translation>该账户的每个最近通话一行：开始时间、主叫、被叫、主叫号码、时长、计费秒数、结果</translation>
    </message>
    <message>
        <source>C&amp;DRs ({shown} of {count:,})</source>
        <translation>CDR（{shown} / {count:,}）(&amp;D)</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>接收方</translation>
    </message>
    <message>
        <source>Legal basis</source>
        <translation>法律依据</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>证据</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Data shared</source>
        <translation>共享的数据</translation>
    </message>
    <message>
        <source>Export SHA-256</source>
        <translation>导出文件 SHA-256</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>记录人</translation>
    </message>
    <message>
        <source>Disclosures</source>
        <translation>披露记录</translation>
    </message>
    <message>
        <source>One row per disclosure of the account&apos;s data: when, to whom, on what legal basis, what was shared</source>
        <translation>该账户数据的每次披露一行：时间、接收方、法律依据、共享内容</translation>
    </message>
    <message>
        <source>D&amp;isclosures ({count})</source>
        <translation>披露记录（{count}）(&amp;I)</translation>
    </message>
    <message>
        <source>Seq</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Audit history</source>
        <translation>审计历史</translation>
    </message>
    <message>
        <source>One row per audited event about the account: sequence, time, operator, action, details</source>
        <translation>与该账户有关的每个审计事件一行：序号、时间、操作员、操作、详情</translation>
    </message>
    <message>
        <source>Audit &amp;history ({count})</source>
        <translation>审计历史（{count}）(&amp;H)</translation>
    </message>
    <message>
        <source>Access ended ({purpose}, {ticket}): request a new grant</source>
        <translation>访问已结束（{purpose}，{ticket}）：请重新申请授权</translation>
    </message>
    <message>
        <source>Access: {purpose}, {ticket}, {minutes} min left</source>
        <translation>访问：{purpose}，{ticket}，剩余 {minutes} 分钟</translation>
    </message>
    <message>
        <source>Open an uploaded file</source>
        <translation>打开上传的文件</translation>
    </message>
    <message>
        <source>Reference of the customer&apos;s request to open this file (e.g. SUP-1234):</source>
        <translation>客户要求打开此文件的请求编号（例如 SUP-1234）：</translation>
    </message>
    <message>
        <source>Rectified: {fields}.</source>
        <translation>已更正：{fields}。</translation>
    </message>
    <message>
        <source>Export the customer&apos;s data</source>
        <translation>导出客户数据</translation>
    </message>
    <message>
        <source>ZIP archives (*.zip)</source>
        <translation>ZIP 压缩包 (*.zip)</translation>
    </message>
    <message>
        <source>Exporting to {path}…</source>
        <translation>正在导出到 {path}…</translation>
    </message>
    <message>
        <source>Exported to {path}
SHA-256 {sha256} · {size} bytes</source>
        <translation>已导出到 {path}
SHA-256 {sha256} · {size} 字节</translation>
    </message>
    <message>
        <source>The export was cancelled; no file was written.</source>
        <translation>导出已取消，未写入任何文件。</translation>
    </message>
    <message>
        <source>Access account {id}</source>
        <extracomment>the core refused or failed: the message is shown in the dialog (tests wait on it)</extracomment>
        <translation>访问账户 {id}</translation>
    </message>
    <message>
        <source>Account {id}&apos;s personal data is masked. State why you need it: the purpose and the ticket are recorded in the audit log, and the access ends on its own.</source>
        <extracomment>the one long-action path (ui/long_action.py)</extracomment>
        <translation>账户 {id} 的个人数据已遮蔽。请说明您需要访问的原因：用途和工单会记入审计日志，访问到期后自动结束。</translation>
    </message>
    <message>
        <source>e.g. SUP-1234</source>
        <translation>例如 SUP-1234</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>&amp;Purpose:</source>
        <translation>用途(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Ticket reference:</source>
        <translation>工单编号(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Duration:</source>
        <translation>时长(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Grant access</source>
        <extracomment>the core&apos;s answer for this operator (``access.refusal``): a viewer is told here, before typing</extracomment>
        <translation>授予访问权限(&amp;G)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Access could not be granted because of a bug in the console; the details are in the crash report.</source>
        <translation>由于控制台的程序错误，无法授予访问权限；详情见崩溃报告。</translation>
    </message>
    <message>
        <source>account {id}, {purpose} {ticket}, {minutes} min left</source>
        <translation>账户 {id}，{label}，{ticket}，剩余 {minutes} 分钟</translation>
    </message>
    <message>
        <source>Your access grants</source>
        <translation>您的访问授权</translation>
    </message>
    <message>
        <source>Your access grants to personal data; choose one to end it early</source>
        <translation>您对个人数据的访问授权；选择一项可提前结束</translation>
    </message>
    <message>
        <source>Access: {grant}</source>
        <extracomment>the one long-action path (ui/long_action.py): reading the grants, ending one</extracomment>
        <translation>访问：{grant}</translation>
    </message>
    <message>
        <source>End access: {grant}</source>
        <translation>结束访问：{grant}</translation>
    </message>
    <message>
        <source>Access to account {id} ended.</source>
        <translation>对账户 {id} 的访问已结束。</translation>
    </message>
    <message>
        <source>Personal data is masked (J*** D***, j***@example.com). Open an account (Enter or double-click) and state a purpose and a ticket reference to see it: access lasts a limited time and is recorded in the audit log.</source>
        <translation>个人数据已遮蔽（J*** D***，j***@example.com）。打开账户（按回车键或双击）并说明用途和工单编号即可查看：访问有时间限制，并会记入审计日志。</translation>
    </message>
    <message>
        <source>Presenter mode: personal data stays masked. No account opens and no access is granted until presenter mode is turned off (View &gt; Presenter mode).</source>
        <translation>演示模式：个人数据保持遮蔽。关闭演示模式（视图 &gt; 演示模式）之前，不能打开任何账户，也不会授予任何访问权限。</translation>
    </message>
    <message>
        <source>the accounts</source>
        <extracomment>the search field&apos;s placeholder in English (the field shows it through ``tr``) how long typing must pause before the search runs column widths in characters; None shares the rest. Never ResizeToContents on a million rows. the table painted its first rows after a database was set (start-up benchmark, tests) a search was applied to the table: the number of matching accounts (tests wait on it)</extracomment>
        <translation>账户</translation>
    </message>
    <message>
        <source>All statuses</source>
        <extracomment>a search was asked for and the model is still counting it (``search_applied`` when it lands)</extracomment>
        <translation>所有状态</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>状态(&amp;S)：</translation>
    </message>
    <message>
        <source>Search accounts</source>
        <translation>搜索账户</translation>
    </message>
    <message>
        <source>Search name, email, company or account id</source>
        <translation>搜索姓名、邮箱、公司或账户 ID</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>One row per SIP account matching the search and the status filter</source>
        <translation>符合搜索和状态筛选条件的每个 SIP 账户一行</translation>
    </message>
    <message>
        <source>Counting the accounts…</source>
        <translation>正在统计账户…</translation>
    </message>
    <message>
        <source>No accounts with status “{status}” matching “{search}”</source>
        <translation>没有状态为“{status}”且匹配“{search}”的账户</translation>
    </message>
    <message>
        <source>No accounts with status “{status}”</source>
        <translation>没有状态为“{status}”的账户</translation>
    </message>
    <message>
        <source>No accounts matching “{search}”</source>
        <translation>没有匹配“{search}”的账户</translation>
    </message>
    <message>
        <source>No accounts in this database</source>
        <translation>此数据库中没有账户</translation>
    </message>
    <message>
        <source>{count:,} account with status “{status}” matching “{search}”</source>
        <translation>{count:,} 个状态为“{status}”且匹配“{search}”的账户</translation>
    </message>
    <message>
        <source>{count:,} accounts with status “{status}” matching “{search}”</source>
        <translation>{count:,} 个状态为“{status}”且匹配“{search}”的账户</translation>
    </message>
    <message>
        <source>{count:,} account with status “{status}”</source>
        <translation>{count:,} 个状态为“{status}”的账户</translation>
    </message>
    <message>
        <source>{count:,} accounts with status “{status}”</source>
        <translation>{count:,} 个状态为“{status}”的账户</translation>
    </message>
    <message>
        <source>{count:,} account matching “{search}”</source>
        <translation>{count:,} 个匹配“{search}”的账户</translation>
    </message>
    <message>
        <source>{count:,} accounts matching “{search}”</source>
        <translation>{count:,} 个匹配“{search}”的账户</translation>
    </message>
    <message>
        <source>{count:,} account</source>
        <translation>{count:,} 个账户</translation>
    </message>
    <message>
        <source>{count:,} accounts</source>
        <translation>{count:,} 个账户</translation>
    </message>
    <message>
        <source>Accounts cannot be sorted by {column}: the order would reveal masked data. Sort by ID, status or creation date.</source>
        <translation>账户不能按{column}排序：排列顺序会泄露被遮蔽的数据。请按 ID、状态或创建时间排序。</translation>
    </message>
    <message>
        <source>Every access to personal data, every change and every export is recorded here, hash-chained: “Verify chain” recomputes the chain and names the first event that does not match.</source>
        <translation>对个人数据的每次访问、每项更改和每次导出都以哈希链的形式记录在这里：“验证哈希链”会重新计算整条链，并指出第一个不匹配的事件。</translation>
    </message>
    <message>
        <source>{count:,} event</source>
        <translation>{count:,} 个事件</translation>
    </message>
    <message>
        <source>{count:,} events</source>
        <translation>{count:,} 个事件</translation>
    </message>
    <message>
        <source>the audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>account id</source>
        <extracomment>the one long-action path (ui/long_action.py): the chain&apos;s verification and the CSV export (reports) a filter was applied and the model is still counting it (``filter_applied`` when it lands)</extracomment>
        <translation>账户 ID</translation>
    </message>
    <message>
        <source>Date&amp;s</source>
        <translation>日期(&amp;S)</translation>
    </message>
    <message>
        <source>Audit log from date</source>
        <translation>审计日志起始日期</translation>
    </message>
    <message>
        <source>Audit log until date</source>
        <translation>审计日志截止日期</translation>
    </message>
    <message>
        <source>F&amp;ilter</source>
        <translation>筛选(&amp;I)</translation>
    </message>
    <message>
        <source>Ve&amp;rify chain</source>
        <translation>验证哈希链(&amp;R)</translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <translation>导出 CSV(&amp;X)…</translation>
    </message>
    <message>
        <source>Op&amp;erator:</source>
        <translation>操作员(&amp;E)：</translation>
    </message>
    <message>
        <source>Ac&amp;tion:</source>
        <translation>操作(&amp;T)：</translation>
    </message>
    <message>
        <source>Accou&amp;nt:</source>
        <translation>账户(&amp;N)：</translation>
    </message>
    <message>
        <source>to</source>
        <comment>a date range</comment>
        <translation>至</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>One row per audited event of the hash chain: its sequence, time, operator, action, target and details</source>
        <translation>哈希链中的每个审计事件一行：序号、时间、操作员、操作、对象和详情</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>任意</translation>
    </message>
    <message>
        <source>Verifying the chain…</source>
        <translation>正在验证哈希链…</translation>
    </message>
    <message>
        <source>none (empty log)</source>
        <translation>无（日志为空）</translation>
    </message>
    <message>
        <source>Intact: {events}, head {head}</source>
        <translation>完整：{events}，链头 {head}</translation>
    </message>
    <message>
        <source>; </source>
        <comment>between the records whose events are missing</comment>
        <translation>；</translation>
    </message>
    <message>
        <source>Incomplete: events are missing for {records}</source>
        <translation>不完整：以下记录缺少事件：{records}</translation>
    </message>
    <message>
        <source>Broken at event {seq}: {reason}</source>
        <translation>在事件 {seq} 处断裂：{reason}</translation>
    </message>
    <message>
        <source>Could not verify: {reason}</source>
        <translation>无法验证：{reason}</translation>
    </message>
    <message>
        <source>Export the audit log</source>
        <translation>导出审计日志</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Exported {count:,} audit events to {path}.</source>
        <translation>已将 {count:,} 个审计事件导出到 {path}。</translation>
    </message>
    <message>
        <source>Each row is a promise of the privacy policy and the live checks that prove it: kept, at risk (act before it breaks), broken, or not checked (the check could not run). “Go there” opens the tab that acts on it; the same table is “minisip-console compliance” and the first page of File › Export audit report.</source>
        <translation>每一行是隐私政策中的一项承诺，以及证明它的实时检查：已遵守、有风险（须在违反前采取行动）、已违反，或未检查（检查无法运行）。“转到”按钮会打开处理该承诺的选项卡；同一张表也是“minisip-console compliance”的输出，以及“文件 › 导出审计报告”的第一页。</translation>
    </message>
    <message>
        <source>CDR retention</source>
        <translation>CDR 保留期限</translation>
    </message>
    <message>
        <source>Deletion queue</source>
        <translation>删除队列</translation>
    </message>
    <message>
        <source>Policy notices</source>
        <translation>政策通知</translation>
    </message>
    <message>
        <source>Law enforcement</source>
        <translation>执法请求</translation>
    </message>
    <message>
        <source>Operators</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Promise</source>
        <translation>承诺</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>KEPT</source>
        <translation>已遵守</translation>
    </message>
    <message>
        <source>AT RISK</source>
        <translation>有风险</translation>
    </message>
    <message>
        <source>BROKEN</source>
        <translation>已违反</translation>
    </message>
    <message>
        <source>NOT CHECKED</source>
        <translation>未检查</translation>
    </message>
    <message>
        <source>Retention target {name}: {verdict}; {total:,} rows, {overdue:,} due for the next purge, {late:,} late</source>
        <extracomment>the figures are read again when the tab is shown after this long</extracomment>
        <translation>保留目标 {name}：{verdict}；{total:,} 行，{overdue:,} 行待下次清除，{late:,} 行逾期</translation>
    </message>
    <message>
        <source>Saved retention targets, each with its own verdict:</source>
        <translation>已保存的保留目标，各有自己的结论：</translation>
    </message>
    <message>
        <source>whether every promise is kept</source>
        <translation>每项承诺是否得到遵守</translation>
    </message>
    <message>
        <source>Check a&amp;gain</source>
        <translation>重新检查(&amp;G)</translation>
    </message>
    <message>
        <source>Run every check again</source>
        <translation>重新运行所有检查</translation>
    </message>
    <message>
        <source>Promises and their verdicts</source>
        <translation>承诺及其结论</translation>
    </message>
    <message>
        <source>One row per privacy promise: the verdict, the promise, the reason and the tab that acts on it</source>
        <translation>每项隐私承诺一行：结论、承诺、原因以及处理它的选项卡</translation>
    </message>
    <message>
        <source>Checking every promise…</source>
        <translation>正在检查每项承诺…</translation>
    </message>
    <message>
        <source>Each check runs on the database; this takes a moment.</source>
        <translation>每项检查都在数据库上运行，需要一点时间。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>Checked {time}</source>
        <translation>检查于 {time}</translation>
    </message>
    <message>
        <source>none (the log is empty)</source>
        <translation>无（日志为空）</translation>
    </message>
    <message>
        <source>Audit head when checked: {head}</source>
        <translation>检查时的审计链头：{head}</translation>
    </message>
    <message>
        <source>The checks could not run.</source>
        <translation>检查无法运行。</translation>
    </message>
    <message>
        <source>The promises could not be checked.</source>
        <translation>无法检查这些承诺。</translation>
    </message>
    <message>
        <source>The policy: “{promise}”</source>
        <translation>隐私政策：“{promise}”</translation>
    </message>
    <message>
        <source>Go to {name}</source>
        <translation>转到{name}</translation>
    </message>
    <message>
        <source>Open the {name} tab, where this promise is kept</source>
        <translation>打开“{name}”选项卡，在那里履行此承诺</translation>
    </message>
    <message>
        <source>Go to {name} for “{title}”</source>
        <translation>转到{name}，处理“{title}”</translation>
    </message>
</context>
</TS>
