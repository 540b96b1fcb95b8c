<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>{category} — content</source>
        <translation>{category}（内容数据）</translation>
    </message>
    <message>
        <source>Court order of request {id}</source>
        <translation>请求 {id} 的法院命令</translation>
    </message>
    <message>
        <source>Record as chec&amp;ked</source>
        <translation>记录为已核验(&amp;K)</translation>
    </message>
    <message>
        <source>Request {id} from {agency} ({process}). Record that you have checked the order: it is genuine, issued by a court with jurisdiction over us, in force and covers the data sought.</source>
        <translation>请求 {id}，来自 {agency}（{process}）。请记录您已核验该命令：它真实有效，由对我们有管辖权的法院签发，现行有效，并涵盖所请求的数据。</translation>
    </message>
    <message>
        <source>case number and court</source>
        <translation>案号和法院</translation>
    </message>
    <message>
        <source>Court order &amp;reference:</source>
        <translation>法院命令编号(&amp;R)：</translation>
    </message>
    <message>
        <source>Give the court order&apos;s reference (case number and court).</source>
        <translation>请填写法院命令的编号（案号和法院）。</translation>
    </message>
    <message>
        <source>record the court order check of request {id}</source>
        <translation>记录请求 {id} 的法院命令核验</translation>
    </message>
    <message>
        <source>Propose compliance with request {id}</source>
        <translation>提议遵从请求 {id}</translation>
    </message>
    <message>
        <source>&amp;Propose</source>
        <translation>提议(&amp;P)</translation>
    </message>
    <message>
        <source>Under {order}. A second operator approves; the data is then exported through the customer&apos;s own export code and recorded as disclosed.</source>
        <translation>依据 {order}。由第二位操作员批准；之后数据通过客户自己的导出代码导出，并记录为已披露。</translation>
    </message>
    <message>
        <source>the checked order</source>
        <translation>已核验的命令</translation>
    </message>
    <message>
        <source>&amp;Fully: everything the order covers</source>
        <translation>全部遵从：命令涵盖的全部数据(&amp;F)</translation>
    </message>
    <message>
        <source>P&amp;artly: only the data ticked below</source>
        <translation>部分遵从：仅限下方勾选的数据(&amp;A)</translation>
    </message>
    <message>
        <source>why in part, what the order covers (optional)</source>
        <translation>为何部分遵从、命令涵盖哪些数据（可选）</translation>
    </message>
    <message>
        <source>Scope:</source>
        <translation>范围：</translation>
    </message>
    <message>
        <source>Data handed over:</source>
        <translation>移交的数据：</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>Tick at least one kind of data to hand over, or reject the request.</source>
        <translation>请至少勾选一种要移交的数据，或拒绝该请求。</translation>
    </message>
    <message>
        <source>propose compliance with request {id}</source>
        <translation>提议遵从请求 {id}</translation>
    </message>
    <message>
        <source>Reject request {id}</source>
        <translation>拒绝请求 {id}</translation>
    </message>
    <message>
        <source>Re&amp;ject request</source>
        <translation>拒绝请求(&amp;J)</translation>
    </message>
    <message>
        <source>Request {id} from {agency} ({process}). The customers named are still told that the request was made, unless a gag order stands.</source>
        <translation>请求 {id}，来自 {agency}（{process}）。除非有禁言令，所涉客户仍会被告知有此请求。</translation>
    </message>
    <message>
        <source>What the agency is told (required for another reason)</source>
        <translation>告知该机构的内容（选择“其他原因”时必填）</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <source>A rejection for another reason needs a note explaining it.</source>
        <translation>以其他原因拒绝时，需填写备注加以说明。</translation>
    </message>
    <message>
        <source>reject request {id}</source>
        <translation>拒绝请求 {id}</translation>
    </message>
    <message>
        <source>Tell the customers of request {id}</source>
        <translation>通知请求 {id} 所涉客户</translation>
    </message>
    <message>
        <source>&amp;Record notice</source>
        <translation>记录通知(&amp;R)</translation>
    </message>
    <message>
        <source>Request {id} from {agency}: the owners of {accounts} must be told that the request was made.</source>
        <translation>请求 {id}，来自 {agency}：必须告知 {accounts}的所有者有此请求。</translation>
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
        <source>Accounts to tell</source>
        <translation>待通知的账户</translation>
    </message>
    <message>
        <source>One item per account whose owner is due a notice of the request: check those to tell</source>
        <translation>每项为一个其所有者应收到该请求通知的账户：勾选要通知的账户</translation>
    </message>
    <message>
        <source>Account {id}: {state} since {date}</source>
        <translation>账户 {id}：自 {date} 起{state}</translation>
    </message>
    <message>
        <source>Account {id}: {state}</source>
        <translation>账户 {id}：{state}</translation>
    </message>
    <message>
        <source>By &amp;email through {server}</source>
        <translation>通过 {server} 发送电子邮件(&amp;E)</translation>
    </message>
    <message>
        <source>By email (no mail server is saved: see Policy notices)</source>
        <translation>电子邮件（未保存邮件服务器：请参见“隐私政策通知”）</translation>
    </message>
    <message>
        <source>Told by &amp;hand:</source>
        <translation>已人工告知(&amp;H)：</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Told on date</source>
        <translation>告知日期</translation>
    </message>
    <message>
        <source>on</source>
        <comment>told on a date</comment>
        <translation>日期</translation>
    </message>
    <message>
        <source>Accounts:</source>
        <translation>账户：</translation>
    </message>
    <message>
        <source>How:</source>
        <translation>方式：</translation>
    </message>
    <message>
        <source>S&amp;end email</source>
        <translation>发送电子邮件(&amp;E)</translation>
    </message>
    <message>
        <source>Tick at least one account to tell.</source>
        <translation>请至少勾选一个要通知的账户。</translation>
    </message>
    <message>
        <source>record the notice of request {id}</source>
        <translation>记录请求 {id} 的通知</translation>
    </message>
    <message>
        <source>Gag order of request {id}</source>
        <translation>请求 {id} 的禁言令</translation>
    </message>
    <message>
        <source>&amp;Record gag order</source>
        <translation>记录禁言令(&amp;R)</translation>
    </message>
    <message>
        <source>A nondisclosure (gag) order holds the customers&apos; notice back until it ends; the notice then falls due. A gag order without an end date is listed for review every 90 days.</source>
        <translation>保密（禁言）令在到期前暂缓向客户发出通知；到期后通知即应发出。没有截止日期的禁言令每 90 天列入一次复核。</translation>
    </message>
    <message>
        <source>No &amp;end date</source>
        <translation>无截止日期(&amp;E)</translation>
    </message>
    <message>
        <source>Gag order &amp;until:</source>
        <translation>禁言令截止(&amp;U)：</translation>
    </message>
    <message>
        <source>record the gag order of request {id}</source>
        <translation>记录请求 {id} 的禁言令</translation>
    </message>
    <message>
        <source>it ends on its own on {time}</source>
        <translation>它将于 {time} 自动结束</translation>
    </message>
    <message>
        <source>it has no end date</source>
        <translation>它没有截止日期</translation>
    </message>
    <message>
        <source>Release legal hold {id}</source>
        <translation>解除法律保留 {id}</translation>
    </message>
    <message>
        <source>Re&amp;lease hold</source>
        <translation>解除保留(&amp;L)</translation>
    </message>
    <message>
        <source>Hold {id} keeps the data of account {account} ({reason}); {ends}. Once released, the deletion queue and CDR purges treat the account like any other.</source>
        <translation>保留 {id} 保存账户 {account} 的数据（{reason}）；{ends}。解除后，删除队列和 CDR 清除将像对待其他账户一样处理该账户。</translation>
    </message>
    <message>
        <source>why the data need no longer be kept</source>
        <translation>为何不再需要保存这些数据</translation>
    </message>
    <message>
        <source>Releasing a legal hold needs a reason.</source>
        <translation>解除法律保留需要填写原因。</translation>
    </message>
    <message>
        <source>release legal hold {id}</source>
        <translation>解除法律保留 {id}</translation>
    </message>
    <message>
        <source>Record a disclosure</source>
        <translation>记录一次披露</translation>
    </message>
    <message>
        <source>Rec&amp;ord disclosure</source>
        <translation>记录披露(&amp;O)</translation>
    </message>
    <message>
        <source>The policy allows sharing only with the customer&apos;s permission, as required by law, for an acquisition, or with a service provider working for us. A disclosure without a legal basis and its evidence is refused.</source>
        <translation>隐私政策只允许在以下情况下共享数据：经客户许可、法律要求、收购，或与为我们工作的服务提供商共享。没有法律依据及其证据的披露将被拒绝。</translation>
    </message>
    <message>
        <source>e.g. 42</source>
        <translation>例如 42</translation>
    </message>
    <message>
        <source>who received the data</source>
        <translation>数据接收方</translation>
    </message>
    <message>
        <source>Choose the legal basis…</source>
        <translation>选择法律依据…</translation>
    </message>
    <message>
        <source>a ticket, a signed form, a court order</source>
        <translation>工单、签署的表格、法院命令</translation>
    </message>
    <message>
        <source>what exactly was shared (optional)</source>
        <translation>具体共享了什么（可选）</translation>
    </message>
    <message>
        <source>None</source>
        <comment>no request</comment>
        <translation>无</translation>
    </message>
    <message>
        <source>Request {id}: {agency} ({reference})</source>
        <translation>请求 {id}：{agency}（{reference}）</translation>
    </message>
    <message>
        <source>&amp;Account:</source>
        <translation>账户(&amp;A)：</translation>
    </message>
    <message>
        <source>Re&amp;cipient:</source>
        <translation>接收方(&amp;C)：</translation>
    </message>
    <message>
        <source>Legal &amp;basis:</source>
        <translation>法律依据(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Evidence:</source>
        <translation>证据(&amp;E)：</translation>
    </message>
    <message>
        <source>Data:</source>
        <translation>数据：</translation>
    </message>
    <message>
        <source>&amp;What was shared:</source>
        <translation>共享内容(&amp;W)：</translation>
    </message>
    <message>
        <source>Re&amp;quest:</source>
        <translation>请求(&amp;Q)：</translation>
    </message>
    <message>
        <source>Disclosed o&amp;n:</source>
        <translation>披露日期(&amp;N)：</translation>
    </message>
    <message>
        <source>Name the recipient.</source>
        <translation>请填写接收方。</translation>
    </message>
    <message>
        <source>A disclosure needs a legal basis: choose one.</source>
        <translation>披露需要法律依据：请选择一项。</translation>
    </message>
    <message>
        <source>A disclosure needs its evidence (a ticket, a signed form, a court order).</source>
        <translation>披露需要证据（工单、签署的表格、法院命令）。</translation>
    </message>
    <message>
        <source>Tick the data that was shared (at least one kind).</source>
        <translation>请勾选所共享的数据（至少一种）。</translation>
    </message>
    <message>
        <source>record a disclosure</source>
        <translation>记录披露</translation>
    </message>
    <message>
        <source>Record a law-enforcement request</source>
        <translation>记录执法请求</translation>
    </message>
    <message>
        <source>&amp;Record request</source>
        <translation>记录请求(&amp;R)</translation>
    </message>
    <message>
        <source>Record the request as it arrived. Its accounts are placed under a legal hold for the period below. Only a court order or a search warrant, once checked, can be complied with; anything else can only be rejected.</source>
        <translation>按收到时的原样记录该请求。其所涉账户将在下方期限内处于法律保留之下。只有经核验的法院命令或搜查令才能遵从；其他一切请求只能拒绝。</translation>
    </message>
    <message>
        <source>e.g. Springfield Police Department, Cybercrime Unit</source>
        <translation>例如：某市公安局网络安全保卫支队</translation>
    </message>
    <message>
        <source>e.g. US</source>
        <translation>例如 US</translation>
    </message>
    <message>
        <source>the officer&apos;s name</source>
        <translation>警官姓名</translation>
    </message>
    <message>
        <source>official email or phone (not a personal one)</source>
        <translation>官方电子邮件或电话（非个人的）</translation>
    </message>
    <message>
        <source>account ids, comma-separated, e.g. 3, 7</source>
        <translation>账户 ID，以逗号分隔，例如 3, 7</translation>
    </message>
    <message>
        <source>the agency&apos;s reference, e.g. SPD-2026-0412</source>
        <translation>该机构的编号，例如 SPD-2026-0412</translation>
    </message>
    <message>
        <source>the data requested, in the request&apos;s words</source>
        <translation>所请求的数据（按请求原文）</translation>
    </message>
    <message>
        <source>case number and court, for a court order or warrant</source>
        <translation>法院命令或搜查令的案号和法院</translation>
    </message>
    <message>
        <source>A nondisclosure (&amp;gag) order forbids telling the customer until</source>
        <translation>保密（禁言）令禁止告知客户，截至(&amp;G)</translation>
    </message>
    <message>
        <source>Gag order until</source>
        <translation>禁言令截止日期</translation>
    </message>
    <message>
        <source>no end date</source>
        <translation>无截止日期</translation>
    </message>
    <message>
        <source> days</source>
        <comment>spin box suffix</comment>
        <translation> 天</translation>
    </message>
    <message>
        <source>no end date (until released)</source>
        <translation>无截止日期（直至解除）</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>The files of the request to store with it: the order, the warrant, correspondence</source>
        <translation>随请求一并保存的文件：命令、搜查令、往来函件</translation>
    </message>
    <message>
        <source>Add &amp;files…</source>
        <translation>添加文件(&amp;F)…</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>移除(&amp;M)</translation>
    </message>
    <message>
        <source>Recei&amp;ved on:</source>
        <translation>收到日期(&amp;V)：</translation>
    </message>
    <message>
        <source>Agenc&amp;y:</source>
        <translation>机构(&amp;Y)：</translation>
    </message>
    <message>
        <source>Co&amp;untry:</source>
        <translation>国家/地区(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Officer:</source>
        <translation>警官(&amp;O)：</translation>
    </message>
    <message>
        <source>Official con&amp;tact:</source>
        <translation>官方联系方式(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Legal process:</source>
        <translation>法律程序(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Accounts:</source>
        <translation>账户(&amp;A)：</translation>
    </message>
    <message>
        <source>Data sought:</source>
        <translation>所请求的数据：</translation>
    </message>
    <message>
        <source>Refere&amp;nce:</source>
        <translation>编号(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>描述(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Court order:</source>
        <translation>法院命令(&amp;C)：</translation>
    </message>
    <message>
        <source>Gag order:</source>
        <translation>禁言令：</translation>
    </message>
    <message>
        <source>&amp;Hold the data for:</source>
        <translation>数据保留期限(&amp;H)：</translation>
    </message>
    <message>
        <source>Documents:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>none: this legal process is not a court order (it can only be rejected)</source>
        <translation>无：此法律程序不是法院命令（只能拒绝）</translation>
    </message>
    <message>
        <source>Documents received with the request</source>
        <translation>随请求收到的文件</translation>
    </message>
    <message>
        <source>Give the requesting agency.</source>
        <translation>请填写提出请求的机构。</translation>
    </message>
    <message>
        <source>Give the request&apos;s reference.</source>
        <translation>请填写请求的编号。</translation>
    </message>
    <message>
        <source>Tick the data the request seeks (at least one kind).</source>
        <translation>请勾选请求所要的数据（至少一种）。</translation>
    </message>
    <message>
        <source>The date received cannot be in the future.</source>
        <translation>收到日期不能晚于今天。</translation>
    </message>
    <message>
        <source>record a law-enforcement request</source>
        <translation>记录执法请求</translation>
    </message>
    <message>
        <source>Could not write {path}: {error}.</source>
        <translation>无法写入 {path}：{error}。</translation>
    </message>
    <message>
        <source>Overdue</source>
        <extracomment>notice state -&gt; (background, foreground): the colours are fields of ui.theme&apos;s Theme (the words: notice_words)</extracomment>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>应通知</translation>
    </message>
    <message>
        <source>Gag to review</source>
        <translation>禁言令待复核</translation>
    </message>
    <message>
        <source>Held back (gag order)</source>
        <translation>暂缓（禁言令）</translation>
    </message>
    <message>
        <source>Told</source>
        <translation>已告知</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>Compliance proposed</source>
        <translation>已提议遵从</translation>
    </message>
    <message>
        <source>Complied</source>
        <translation>已遵从</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>{decision} ({scope})</source>
        <translation>{decision}（{scope}）</translation>
    </message>
    <message>
        <source>full</source>
        <comment>compliance scope</comment>
        <translation>全部</translation>
    </message>
    <message>
        <source>partial</source>
        <comment>compliance scope</comment>
        <translation>部分</translation>
    </message>
    <message>
        <source>Name at least one account (its id, e.g. 42; several separated by commas).</source>
        <translation>请至少填写一个账户（其 ID，例如 42；多个以逗号分隔）。</translation>
    </message>
    <message>
        <source>42 (several separated by commas)</source>
        <translation>42（多个以逗号分隔）</translation>
    </message>
    <message>
        <source>Held back: gag until {date}</source>
        <translation>暂缓：禁言令至 {date}</translation>
    </message>
    <message>
        <source>Held back: gag, no end date</source>
        <translation>暂缓：禁言令，无截止日期</translation>
    </message>
    <message>
        <source>In force</source>
        <translation>生效中</translation>
    </message>
    <message>
        <source>Released by {operator}</source>
        <translation>已由 {operator} 解除</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已到期</translation>
    </message>
    <message>
        <source>No end date</source>
        <translation>无截止日期</translation>
    </message>
    <message>
        <source>None recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <source>Transparency report</source>
        <translation>透明度报告</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>从(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>至(&amp;T)：</translation>
    </message>
    <message>
        <source>Requests received in the period, by country and legal process: accounts affected, rejected, complied with fully or in part, content and non-content data, customers told and notices held back by a gag order (counted, no details).</source>
        <translation>期间内收到的请求，按国家/地区和法律程序统计：受影响的账户、已拒绝、全部或部分遵从、内容与非内容数据、已告知的客户以及因禁言令暂缓的通知（仅计数，不含细节）。</translation>
    </message>
    <message>
        <source>Report counts</source>
        <translation>报告计数</translation>
    </message>
    <message>
        <source>The transparency report&apos;s counts for the period, the total last: requests, accounts, rejected, complied, pending, told, gagged</source>
        <translation>透明度报告在该期间的计数，合计在最后：请求、账户、已拒绝、已遵从、待处理、已告知、禁言</translation>
    </message>
    <message>
        <source>&amp;Save report…</source>
        <translation>保存报告(&amp;S)…</translation>
    </message>
    <message>
        <source>Save the transparency report</source>
        <translation>保存透明度报告</translation>
    </message>
    <message>
        <source>CSV for a spreadsheet (*.csv)</source>
        <translation>用于电子表格的 CSV (*.csv)</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>The period ends before it starts.</source>
        <translation>期间的结束早于开始。</translation>
    </message>
    <message>
        <source>the transparency report</source>
        <translation>透明度报告</translation>
    </message>
    <message>
        <source>Saved to {path}. {start} to {end}: {requests} about {accounts}; {rejected:,} rejected, {full:,} complied with fully and {partial:,} in part, {pending:,} pending; {customers} told, {notices} held back by a gag order.</source>
        <translation>已保存到 {path}。{start} 至 {end}：{requests}，涉及 {accounts}；{rejected:,} 个已拒绝，{full:,} 个全部遵从，{partial:,} 个部分遵从，{pending:,} 个待处理；已告知 {customers}，{notices}因禁言令暂缓。</translation>
    </message>
    <message>
        <source>{count:,} request</source>
        <translation>{count:,} 个请求</translation>
    </message>
    <message>
        <source>{count:,} requests</source>
        <translation>{count:,} 个请求</translation>
    </message>
    <message>
        <source>{count:,} customer</source>
        <translation>{count:,} 位客户</translation>
    </message>
    <message>
        <source>{count:,} customers</source>
        <translation>{count:,} 位客户</translation>
    </message>
    <message>
        <source>{count:,} notice</source>
        <translation>{count:,} 条通知</translation>
    </message>
    <message>
        <source>{count:,} notices</source>
        <translation>{count:,} 条通知</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国家/地区</translation>
    </message>
    <message>
        <source>Legal process</source>
        <translation>法律程序</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>请求</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Fully</source>
        <translation>全部遵从</translation>
    </message>
    <message>
        <source>In part</source>
        <translation>部分遵从</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>内容数据</translation>
    </message>
    <message>
        <source>Non-content</source>
        <translation>非内容数据</translation>
    </message>
    <message>
        <source>Gagged</source>
        <translation>禁言</translation>
    </message>
    <message>
        <source>All</source>
        <comment>every country</comment>
        <translation>合计</translation>
    </message>
    <message>
        <source>All</source>
        <comment>every legal process</comment>
        <translation>全部</translation>
    </message>
    <message>
        <source>The privacy policy promises: “miniSIPServer won&apos;t hand your data over to law enforcement unless a court order says we have to … and unless we&apos;re legally prevented from it, we&apos;ll always inform you when such requests are made.” A request can be complied with only under a court order or warrant that an operator has checked, and a second operator approves; everything else is rejected with a reason. Every account named is told, unless a gag order stands.</source>
        <translation>隐私政策承诺：“除非法院命令要求我们这样做，miniSIPServer 不会将您的数据交给执法部门……并且除非法律禁止，我们总会在有此类请求时通知您。”只有在操作员核验过法院命令或搜查令、并由第二位操作员批准的情况下，才能遵从请求；其他一切请求都会附原因拒绝。除非有禁言令，所涉的每个账户都会被告知。</translation>
    </message>
    <message>
        <source>No law-enforcement requests yet</source>
        <translation>尚无执法请求</translation>
    </message>
    <message>
        <source>This register records every request from the police or another authority for a customer&apos;s data: who asked, under which legal process, what was decided and when the customer was told. The policy&apos;s promise: nothing is handed over without a court order, and the customer is always informed unless a court forbids it. Record a request with Record request… when one arrives.</source>
        <translation>此登记簿记录警方或其他机关对客户数据的每一个请求：谁提出的、依据何种法律程序、作出了什么决定、何时告知了客户。隐私政策的承诺：没有法院命令，不移交任何数据；除非法院禁止，总会通知客户。收到请求时，请用“记录请求…”进行记录。</translation>
    </message>
    <message>
        <source>{count:,} request complied with without a court order</source>
        <extracomment>the sub-pages of the tab</extracomment>
        <translation>{count:,} 个请求在没有法院命令的情况下被遵从</translation>
    </message>
    <message>
        <source>{count:,} requests complied with without a court order</source>
        <translation>{count:,} 个请求在没有法院命令的情况下被遵从</translation>
    </message>
    <message>
        <source>{count:,} customer notice overdue</source>
        <translation>{count:,} 条客户通知已逾期</translation>
    </message>
    <message>
        <source>{count:,} customer notices overdue</source>
        <translation>{count:,} 条客户通知已逾期</translation>
    </message>
    <message>
        <source>{count:,} disclosure without a legal basis</source>
        <translation>{count:,} 次披露没有法律依据</translation>
    </message>
    <message>
        <source>{count:,} disclosures without a legal basis</source>
        <translation>{count:,} 次披露没有法律依据</translation>
    </message>
    <message>
        <source>Promise broken: {problems}</source>
        <translation>承诺已违反：{problems}</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>Promise kept: no request complied with without a court order; no customer notice overdue</source>
        <translation>承诺已遵守：没有请求在无法院命令的情况下被遵从；没有客户通知逾期</translation>
    </message>
    <message>
        <source> · </source>
        <translation> · </translation>
    </message>
    <message>
        <source>{count:,} open request</source>
        <translation>{count:,} 个未结请求</translation>
    </message>
    <message>
        <source>{count:,} open requests</source>
        <translation>{count:,} 个未结请求</translation>
    </message>
    <message>
        <source>{count:,} notice due</source>
        <translation>{count:,} 条通知应发出</translation>
    </message>
    <message>
        <source>{count:,} notices due</source>
        <translation>{count:,} 条通知应发出</translation>
    </message>
    <message>
        <source>{count:,} overdue</source>
        <translation>{count:,} 条已逾期</translation>
    </message>
    <message>
        <source>{count:,} gag order to review</source>
        <translation>{count:,} 个禁言令待复核</translation>
    </message>
    <message>
        <source>{count:,} gag orders to review</source>
        <translation>{count:,} 个禁言令待复核</translation>
    </message>
    <message>
        <source>{count:,} legal hold in force</source>
        <translation>{count:,} 个法律保留生效中</translation>
    </message>
    <message>
        <source>{count:,} legal holds in force</source>
        <translation>{count:,} 个法律保留生效中</translation>
    </message>
    <message>
        <source>Select a request in the register first (its details are read before the actions open).</source>
        <translation>请先在登记簿中选择一个请求（先读取其详情，操作才会开放）。</translation>
    </message>
    <message>
        <source>Select a hold first.</source>
        <translation>请先选择一个保留。</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>请求</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>收到日期</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>机构</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>决定</translation>
    </message>
    <message>
        <source>Customer notice</source>
        <translation>客户通知</translation>
    </message>
    <message>
        <source>The worst notice state of the accounts named; overdue in red</source>
        <translation>所涉账户中最差的通知状态；逾期以红色显示</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Placed (UTC)</source>
        <translation>设立时间 (UTC)</translation>
    </message>
    <message>
        <source>Ends or ended (UTC)</source>
        <translation>结束时间 (UTC)</translation>
    </message>
    <message>
        <source>A hold ends on its own at its end date</source>
        <translation>保留会在截止日期自动结束</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Disclosure</source>
        <translation>披露</translation>
    </message>
    <message>
        <source>Disclosed (UTC)</source>
        <translation>披露时间 (UTC)</translation>
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
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>证据</translation>
    </message>
    <message>
        <source>Export SHA-256</source>
        <translation>导出文件 SHA-256</translation>
    </message>
    <message>
        <source>The SHA-256 of the export ZIP handed over (made by the customer&apos;s own export code)</source>
        <translation>所移交导出 ZIP 的 SHA-256（由客户自己的导出代码生成）</translation>
    </message>
    <message>
        <source>A customer notice fell due more than {days} days ago and has not been sent</source>
        <translation>有客户通知已到期超过 {days} 天仍未发出</translation>
    </message>
    <message>
        <source>A customer must be told now (Notify customers…)</source>
        <translation>现在必须告知客户（通知客户…）</translation>
    </message>
    <message>
        <source>A gag order without an end date is due for its review (every {days} days)</source>
        <translation>一项无截止日期的禁言令到了复核时间（每 {days} 天一次）</translation>
    </message>
    <message>
        <source>A gag order in force holds the notice back</source>
        <translation>生效中的禁言令暂缓了通知</translation>
    </message>
    <message>
        <source>Every customer named has been told</source>
        <translation>所涉的每位客户都已被告知</translation>
    </message>
    <message>
        <source>the law-enforcement register</source>
        <translation>执法请求登记簿</translation>
    </message>
    <message>
        <source>The law-enforcement register could not be read.</source>
        <translation>无法读取执法请求登记簿。</translation>
    </message>
    <message>
        <source>Stop the export</source>
        <translation>停止导出</translation>
    </message>
    <message>
        <source>Stop the export (Esc): nothing is recorded as disclosed and the request stays proposed</source>
        <translation>停止导出（ESC 键）：不会记录任何披露，请求仍为已提议状态</translation>
    </message>
    <message>
        <source>&amp;Transparency report…</source>
        <translation>透明度报告(&amp;T)…</translation>
    </message>
    <message>
        <source>Law enforcement pages</source>
        <translation>执法页面</translation>
    </message>
    <message>
        <source>Re&amp;quests</source>
        <translation>请求(&amp;Q)</translation>
    </message>
    <message>
        <source>Hold&amp;s</source>
        <translation>保留(&amp;S)</translation>
    </message>
    <message>
        <source>D&amp;isclosures</source>
        <translation>披露(&amp;I)</translation>
    </message>
    <message>
        <source>R&amp;ecord request…</source>
        <translation>记录请求(&amp;E)…</translation>
    </message>
    <message>
        <source>Record order chec&amp;ked…</source>
        <translation>记录命令已核验(&amp;K)…</translation>
    </message>
    <message>
        <source>Propose complia&amp;nce…</source>
        <translation>提议遵从(&amp;N)…</translation>
    </message>
    <message>
        <source>Approve co&amp;mpliance…</source>
        <translation>批准遵从(&amp;M)…</translation>
    </message>
    <message>
        <source>Re&amp;ject…</source>
        <translation>拒绝(&amp;J)…</translation>
    </message>
    <message>
        <source>Notif&amp;y customers…</source>
        <translation>通知客户(&amp;Y)…</translation>
    </message>
    <message>
        <source>&amp;Gag order…</source>
        <translation>禁言令(&amp;G)…</translation>
    </message>
    <message>
        <source>&amp;Review gag</source>
        <translation>复核禁言令(&amp;R)</translation>
    </message>
    <message>
        <source>Selected:</source>
        <translation>所选请求：</translation>
    </message>
    <message>
        <source>Law enforcement requests</source>
        <translation>执法请求</translation>
    </message>
    <message>
        <source>One row per request in the register: its reference, agency, state and deadlines</source>
        <translation>登记簿中每个请求一行：其编号、机构、状态和期限</translation>
    </message>
    <message>
        <source>Received:</source>
        <translation>收到时间：</translation>
    </message>
    <message>
        <source>Agency, country:</source>
        <translation>机构、国家/地区：</translation>
    </message>
    <message>
        <source>Officer, contact:</source>
        <translation>警官、联系方式：</translation>
    </message>
    <message>
        <source>Legal process:</source>
        <translation>法律程序：</translation>
    </message>
    <message>
        <source>Reference:</source>
        <translation>编号：</translation>
    </message>
    <message>
        <source>In the request&apos;s words:</source>
        <translation>请求原文：</translation>
    </message>
    <message>
        <source>Court order:</source>
        <translation>法院命令：</translation>
    </message>
    <message>
        <source>Decision:</source>
        <translation>决定：</translation>
    </message>
    <message>
        <source>Due</source>
        <comment>a notice&apos;s due date</comment>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Told (UTC)</source>
        <translation>告知时间 (UTC)</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Accounts named</source>
        <translation>所涉账户</translation>
    </message>
    <message>
        <source>One row per account the request names, with its customer notice and when it is due</source>
        <translation>请求所涉每个账户一行，含其客户通知及到期时间</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Added by</source>
        <translation>添加者</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>One row per document filed with this request: its size, who added it and its SHA-256</source>
        <translation>随此请求归档的每个文件一行：其大小、添加者及其 SHA-256</translation>
    </message>
    <message>
        <source>Ends (UTC)</source>
        <translation>结束时间 (UTC)</translation>
    </message>
    <message>
        <source>Holds of this request</source>
        <translation>此请求的保留</translation>
    </message>
    <message>
        <source>One row per account this request holds: its state, start and end</source>
        <translation>此请求保留的每个账户一行：其状态、开始和结束</translation>
    </message>
    <message>
        <source>Disclosed data</source>
        <translation>已披露的数据</translation>
    </message>
    <message>
        <source>One row per account whose data this request disclosed, with the export&apos;s SHA-256</source>
        <translation>此请求披露了其数据的每个账户一行，含导出文件的 SHA-256</translation>
    </message>
    <message>
        <source>Disclosure manifest</source>
        <translation>披露清单</translation>
    </message>
    <message>
        <source>What was handed over: each export&apos;s SHA-256 and its manifest</source>
        <translation>已移交的内容：每个导出文件的 SHA-256 及其清单</translation>
    </message>
    <message>
        <source>Request details</source>
        <translation>请求详情</translation>
    </message>
    <message>
        <source>Details of the selected request</source>
        <translation>所选请求的详情</translation>
    </message>
    <message>
        <source>&amp;Release hold…</source>
        <translation>解除保留(&amp;R)…</translation>
    </message>
    <message>
        <source>Legal holds</source>
        <translation>法律保留</translation>
    </message>
    <message>
        <source>One row per legal hold: the account, its state, when it was placed and when it ends</source>
        <translation>每个法律保留一行：账户、状态、设立时间和结束时间</translation>
    </message>
    <message>
        <source>A preservation request or an open request holds the data of the accounts named: the deletion queue will not delete them and CDR purges keep their rows. A hold ends on its own at its end date; an approver can release it early.</source>
        <translation>保全请求或未结请求会保留所涉账户的数据：删除队列不会删除它们，CDR 清除也会保留其记录。保留会在截止日期自动结束；审批人可以提前解除。</translation>
    </message>
    <message>
        <source>&amp;Record disclosure…</source>
        <translation>记录披露(&amp;R)…</translation>
    </message>
    <message>
        <source>Disclosures</source>
        <translation>披露</translation>
    </message>
    <message>
        <source>One row per disclosure of personal data: when, to whom, on what legal basis and its evidence</source>
        <translation>每次个人数据披露一行：时间、对象、法律依据及其证据</translation>
    </message>
    <message>
        <source>Disclosure record</source>
        <translation>披露记录</translation>
    </message>
    <message>
        <source>Select a disclosure to see its evidence, the export&apos;s SHA-256 and its manifest</source>
        <translation>选择一次披露以查看其证据、导出文件的 SHA-256 及其清单</translation>
    </message>
    <message>
        <source>Every sharing of customer data, whatever the reason — the customer&apos;s permission, a legal obligation, an acquisition, a service provider — with the recipient, its legal basis and the evidence. The customer&apos;s export includes them.</source>
        <translation>每一次共享客户数据，无论原因为何（客户许可、法律义务、收购、服务提供商），连同接收方、法律依据和证据。客户的数据导出中包含这些记录。</translation>
    </message>
    <message>
        <source>Reading the law-enforcement register…</source>
        <translation>正在读取执法请求登记簿…</translation>
    </message>
    <message>
        <source>law-enforcement register</source>
        <translation>执法请求登记簿</translation>
    </message>
    <message>
        <source>{requests} · {overdue:,} with an overdue notice</source>
        <translation>{requests} · {overdue:,} 个通知已逾期</translation>
    </message>
    <message>
        <source>Re&amp;quests ({count:,})</source>
        <translation>请求（{count:,}）(&amp;Q)</translation>
    </message>
    <message>
        <source>{holds} in force, {ended:,} ended</source>
        <translation>{holds}生效中，{ended:,} 个已结束</translation>
    </message>
    <message>
        <source>{count:,} hold</source>
        <translation>{count:,} 个保留</translation>
    </message>
    <message>
        <source>{count:,} holds</source>
        <translation>{count:,} 个保留</translation>
    </message>
    <message>
        <source>Hold&amp;s ({count:,} in force)</source>
        <translation>保留（{count:,} 个生效中）(&amp;S)</translation>
    </message>
    <message>
        <source>{count:,} disclosure</source>
        <translation>{count:,} 次披露</translation>
    </message>
    <message>
        <source>{count:,} disclosures</source>
        <translation>{count:,} 次披露</translation>
    </message>
    <message>
        <source>D&amp;isclosures ({count:,})</source>
        <translation>披露（{count:,}）(&amp;I)</translation>
    </message>
    <message>
        <source>Request {id}: {agency} — reading…</source>
        <translation>请求 {id}：{agency} — 正在读取…</translation>
    </message>
    <message>
        <source>law-enforcement request</source>
        <translation>执法请求</translation>
    </message>
    <message>
        <source>Select a request to see its details</source>
        <translation>选择一个请求以查看其详情</translation>
    </message>
    <message>
        <source>Request {id}: {decision}</source>
        <translation>请求 {id}：{decision}</translation>
    </message>
    <message>
        <source>{time}; recorded by {operator}</source>
        <translation>{time}；由 {operator} 记录</translation>
    </message>
    <message>
        <source>{agency}, {country}</source>
        <translation>{agency}，{country}</translation>
    </message>
    <message>
        <source>Checked by {operator} on {time}</source>
        <translation>已由 {operator} 于 {time} 核验</translation>
    </message>
    <message>
        <source>Not checked yet</source>
        <translation>尚未核验</translation>
    </message>
    <message>
        <source>None</source>
        <comment>no court order</comment>
        <translation>无</translation>
    </message>
    <message>
        <source>{title} ({count})</source>
        <translation>{title}（{count}）</translation>
    </message>
    <message>
        <source>Data handed over: {data}</source>
        <translation>移交的数据：{data}</translation>
    </message>
    <message>
        <source>Pending: not decided</source>
        <translation>待处理：尚未决定</translation>
    </message>
    <message>
        <source>Compliance ({scope}) proposed by {operator} on {time}; waiting for a second operator&apos;s approval</source>
        <translation>已由 {operator} 于 {time} 提议遵从（{scope}）；等待第二位操作员批准</translation>
    </message>
    <message>
        <source>{reason}. Note: {note}</source>
        <translation>{reason}。备注：{note}</translation>
    </message>
    <message>
        <source>Rejected by {operator} on {time}: {reason}</source>
        <translation>已由 {operator} 于 {time} 拒绝：{reason}</translation>
    </message>
    <message>
        <source>Complied with ({scope}): approved by {operator} on {time}, proposed by {proposer}</source>
        <translation>已遵从（{scope}）：由 {operator} 于 {time} 批准，由 {proposer} 提议</translation>
    </message>
    <message>
        <source>Complied with ({scope}): approved by {operator} on {time}</source>
        <translation>已遵从（{scope}）：由 {operator} 于 {time} 批准</translation>
    </message>
    <message>
        <source>None: the customers are told</source>
        <translation>无：客户会被告知</translation>
    </message>
    <message>
        <source>never</source>
        <comment>never reviewed</comment>
        <translation>从未复核</translation>
    </message>
    <message>
        <source>No end date (reviewed every 90 days; last review: {reviewed})</source>
        <translation>无截止日期（每 90 天复核一次；上次复核：{reviewed}）</translation>
    </message>
    <message>
        <source>Ends on {date}</source>
        <translation>于 {date} 结束</translation>
    </message>
    <message>
        <source>Ended on {date}</source>
        <translation>已于 {date} 结束</translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation>未连接。</translation>
    </message>
    <message>
        <source>A compliance export is running: wait for it to finish or stop it.</source>
        <translation>遵从导出正在进行：请等待其完成或停止它。</translation>
    </message>
    <message>
        <source>End this hold before its end date (with a reason, audited)</source>
        <translation>在截止日期前结束此保留（需填写原因，会记入审计）</translation>
    </message>
    <message>
        <source>Record a request that has arrived: the agency, the legal process, the accounts, the documents</source>
        <translation>记录已收到的请求：机构、法律程序、账户、文件</translation>
    </message>
    <message>
        <source>Record that the court order or warrant of request {id} was checked (genuine, in force, covering the data)</source>
        <translation>记录请求 {id} 的法院命令或搜查令已核验（真实、现行有效、涵盖所请求数据）</translation>
    </message>
    <message>
        <source>Propose complying with request {id}, fully or in part; a second operator approves</source>
        <translation>提议全部或部分遵从请求 {id}；由第二位操作员批准</translation>
    </message>
    <message>
        <source>Approve compliance with request {id} as the second operator: export the data handed over and record it</source>
        <translation>作为第二位操作员批准遵从请求 {id}：导出要移交的数据并加以记录</translation>
    </message>
    <message>
        <source>Reject request {id} with a reason</source>
        <translation>附原因拒绝请求 {id}</translation>
    </message>
    <message>
        <source>Tell the customers named in request {id} (by email, or record that they were told by hand)</source>
        <translation>通知请求 {id} 所涉客户（通过电子邮件，或记录已人工告知）</translation>
    </message>
    <message>
        <source>Record a nondisclosure (gag) order for request {id}, with its end date</source>
        <translation>为请求 {id} 记录保密（禁言）令及其截止日期</translation>
    </message>
    <message>
        <source>Record that the gag order of request {id} (no end date) was reviewed and still stands</source>
        <translation>记录请求 {id} 的禁言令（无截止日期）已复核且仍然有效</translation>
    </message>
    <message>
        <source>Record a sharing of customer data with its recipient, legal basis and evidence</source>
        <translation>记录一次客户数据共享，包括接收方、法律依据和证据</translation>
    </message>
    <message>
        <source>Counts of requests by country and legal process, ready for a published transparency report</source>
        <translation>按国家/地区和法律程序统计的请求数，可用于发布透明度报告</translation>
    </message>
    <message>
        <source>Recorded request {id} from {agency} ({process}) about {accounts}; {holds} placed.</source>
        <translation>已记录来自 {agency} 的请求 {id}（{process}），涉及 {accounts}；已设立 {holds}。</translation>
    </message>
    <message>
        <source>{count:,} legal hold</source>
        <translation>{count:,} 个法律保留</translation>
    </message>
    <message>
        <source>{count:,} legal holds</source>
        <translation>{count:,} 个法律保留</translation>
    </message>
    <message>
        <source>Recorded that the order of request {id} was checked: compliance can now be proposed.</source>
        <translation>已记录请求 {id} 的命令已核验：现在可以提议遵从。</translation>
    </message>
    <message>
        <source>Proposed {scope} compliance with request {id}: another approver must approve it.</source>
        <translation>已提议{scope}遵从请求 {id}：须由另一位审批人批准。</translation>
    </message>
    <message>
        <source>Approve compliance with request {id}: choose the folder for the exports handed over</source>
        <translation>批准遵从请求 {id}：选择存放移交导出文件的文件夹</translation>
    </message>
    <message>
        <source>Approve and export</source>
        <translation>批准并导出</translation>
    </message>
    <message>
        <source>compliance with request {id}</source>
        <translation>遵从请求 {id}</translation>
    </message>
    <message>
        <source>Approving request {id}: exporting the data handed over…</source>
        <translation>正在批准请求 {id}：正在导出要移交的数据…</translation>
    </message>
    <message>
        <source>Approving compliance with request {id}…</source>
        <translation>正在批准遵从请求 {id}…</translation>
    </message>
    <message>
        <source>{count:,} export</source>
        <translation>{count:,} 个导出文件</translation>
    </message>
    <message>
        <source>{count:,} exports</source>
        <translation>{count:,} 个导出文件</translation>
    </message>
    <message>
        <source>Complied with request {id} ({scope}): {exports} written to {folders} and recorded as disclosed; SHA-256 {hashes}.</source>
        <translation>已遵从请求 {id}（{scope}）：{exports}已写入 {folders} 并记录为已披露；SHA-256 {hashes}。</translation>
    </message>
    <message>
        <source>Complied with request {id} ({scope}): {exports} written to {folders} and recorded as disclosed.</source>
        <translation>已遵从请求 {id}（{scope}）：{exports}已写入 {folders} 并记录为已披露。</translation>
    </message>
    <message>
        <source>Complied with request {id}; what was handed over is recorded with its hashes.</source>
        <translation>已遵从请求 {id}；移交的内容已连同其哈希值记录。</translation>
    </message>
    <message>
        <source>Request {id} was not complied with: </source>
        <translation>未遵从请求 {id}：</translation>
    </message>
    <message>
        <source>Rejected request {id}.</source>
        <translation>已拒绝请求 {id}。</translation>
    </message>
    <message>
        <source>Recorded that the customers of request {id} were told (accounts {accounts}).</source>
        <translation>已记录请求 {id} 所涉客户已被告知（账户 {accounts}）。</translation>
    </message>
    <message>
        <source>notice of request {id}</source>
        <translation>请求 {id} 的通知</translation>
    </message>
    <message>
        <source>Emailing the customers of request {id}…</source>
        <translation>正在向请求 {id} 所涉客户发送电子邮件…</translation>
    </message>
    <message>
        <source>Recorded a gag order for request {id} until {date}.</source>
        <translation>已为请求 {id} 记录禁言令，截至 {date}。</translation>
    </message>
    <message>
        <source>Recorded a gag order for request {id} without an end date (reviewed every 90 days).</source>
        <translation>已为请求 {id} 记录无截止日期的禁言令（每 90 天复核一次）。</translation>
    </message>
    <message>
        <source>review the gag order of request {id}</source>
        <translation>复核请求 {id} 的禁言令</translation>
    </message>
    <message>
        <source>Recorded that the gag order of request {id} was reviewed and still stands.</source>
        <translation>已记录请求 {id} 的禁言令已复核且仍然有效。</translation>
    </message>
    <message>
        <source>Released legal hold {id} on account {account}.</source>
        <translation>已解除账户 {account} 上的法律保留 {id}。</translation>
    </message>
    <message>
        <source>Recorded disclosure {id}: account {account} to {recipient} ({basis}).</source>
        <translation>已记录披露 {id}：账户 {account} 披露给 {recipient}（{basis}）。</translation>
    </message>
    <message>
        <source>Holds</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Disclosed</source>
        <translation>已披露</translation>
    </message>
    <message>
        <source>{size:,} B</source>
        <translation>{size:,} B</translation>
    </message>
    <message>
        <source>{size:,.1f} KB</source>
        <translation>{size:,.1f} KB</translation>
    </message>
    <message>
        <source>{size:,.1f} MB</source>
        <translation>{size:,.1f} MB</translation>
    </message>
    <message>
        <source>Account {account} to {recipient}, {time}</source>
        <translation>账户 {account} 披露给 {recipient}，{time}</translation>
    </message>
    <message>
        <source>Legal basis: {basis}; evidence: {evidence}; recorded by {operator}</source>
        <translation>法律依据：{basis}；证据：{evidence}；由 {operator} 记录</translation>
    </message>
    <message>
        <source>Data: {data}</source>
        <translation>数据：{data}</translation>
    </message>
    <message>
        <source>Data shared: {data}</source>
        <translation>共享的数据：{data}</translation>
    </message>
    <message>
        <source>Export SHA-256:</source>
        <translation>导出文件 SHA-256：</translation>
    </message>
    <message>
        <source>Export: none (not handed over as an export)</source>
        <translation>导出文件：无（未以导出文件形式移交）</translation>
    </message>
    <message>
        <source>Manifest:</source>
        <translation>清单：</translation>
    </message>
    <message>
        <source>({rows})</source>
        <translation>（{rows}）</translation>
    </message>
    <message>
        <source>{count:,} row</source>
        <translation>{count:,} 行</translation>
    </message>
    <message>
        <source>{count:,} rows</source>
        <translation>{count:,} 行</translation>
    </message>
</context>
</TS>
