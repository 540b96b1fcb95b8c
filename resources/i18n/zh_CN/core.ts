<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>obtain access to an account&apos;s personal data</source>
        <extracomment>CDRs shown in an account&apos;s details (the newest) audit events shown in an account&apos;s history (the newest) the actions on one account&apos;s personal data -&gt; the least role and the words of its refusal (each also needs a running grant on the account, which the write checks in its transaction)</extracomment>
        <translation>获取账户个人数据的访问权限</translation>
    </message>
    <message>
        <source>rectify an account</source>
        <translation>更正账户</translation>
    </message>
    <message>
        <source>export an account&apos;s data</source>
        <translation>导出账户数据</translation>
    </message>
    <message>
        <source>record a marketing permission</source>
        <translation>记录营销许可</translation>
    </message>
    <message>
        <source>export the marketing list</source>
        <translation>导出营销名单</translation>
    </message>
    <message>
        <source>{login} is not an active operator of this database and cannot {action}.</source>
        <translation>{login} 不是此数据库的在职操作员，无法{action}。</translation>
    </message>
    <message>
        <source>Ask an admin to add or reactivate you.</source>
        <translation>请管理员添加您或重新启用您。</translation>
    </message>
    <message>
        <source>you have no access grant for it.</source>
        <translation>您没有该账户的访问授权。</translation>
    </message>
    <message>
        <source>your access grant {id} was ended at {ended_at:%Y-%m-%d %H:%M} UTC.</source>
        <translation>您的授权 {id} 已于 {ended_at:%Y-%m-%d %H:%M} UTC 结束。</translation>
    </message>
    <message>
        <source>your access grant {id} expired at {expires_at:%Y-%m-%d %H:%M} UTC.</source>
        <translation>您的授权 {id} 已于 {expires_at:%Y-%m-%d %H:%M} UTC 过期。</translation>
    </message>
    <message>
        <source>Cannot {action} of account {account_id}: {why}</source>
        <translation>无法对账户 {account_id} {action}：{why}</translation>
    </message>
    <message>
        <source>Request access first: state a purpose and a ticket (accounts grant {account_id} --purpose P --ticket REF).</source>
        <translation>请先申请访问权限：说明用途和工单号（accounts grant {account_id} --purpose P --ticket REF）。</translation>
    </message>
    <message>
        <source>No account {account_id}.</source>
        <translation>没有账户 {account_id}。</translation>
    </message>
    <message>
        <source>It does not exist, or someone deleted it meanwhile.</source>
        <translation>该账户不存在，或已被他人删除。</translation>
    </message>
    <message>
        <source>Account {account_id} has been deleted; cannot {action}.</source>
        <translation>账户 {account_id} 已被删除，无法{action}。</translation>
    </message>
    <message>
        <source>{value!r} is not {what} id.</source>
        <translation>{value!r} 不是{what} ID。</translation>
    </message>
    <message>
        <source>Ids are positive whole numbers.</source>
        <translation>ID 是正整数。</translation>
    </message>
    <message>
        <source>A grant lasts 1 to {MAX_MINUTES} minutes, not {minutes!r}.</source>
        <translation>授权期限为 1 至 {MAX_MINUTES} 分钟，而不是 {minutes!r}。</translation>
    </message>
    <message>
        <source>No access grant {grant_id}.</source>
        <translation>没有授权 {grant_id}。</translation>
    </message>
    <message>
        <source>Access grant {grant_id} belongs to {holder}; only its holder or an admin can end it.</source>
        <translation>授权 {grant_id} 属于 {holder}；只有其持有人或管理员可以结束它。</translation>
    </message>
    <message>
        <source>Access grant {grant_id} already ended at {ended_at:%Y-%m-%d %H:%M} UTC.</source>
        <translation>授权 {grant_id} 已于 {ended_at:%Y-%m-%d %H:%M} UTC 结束。</translation>
    </message>
    <message>
        <source>Access grant {grant_id} already expired at {expires_at:%Y-%m-%d %H:%M} UTC.</source>
        <translation>授权 {grant_id} 已于 {expires_at:%Y-%m-%d %H:%M} UTC 过期。</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Masked until an access grant exists</source>
        <translation>在有访问授权之前已遮蔽</translation>
    </message>
    <message>
        <source>Email</source>
        <extracomment>how a customer can be told (``law_request_accounts.notice_channel``)</extracomment>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>The search text is {text} characters long; at most {SEARCH_MAX} are accepted.</source>
        <extracomment>sortable keys and the indexed columns that order them (the primary key breaks ties) the longest search text accepted (a name or an email is at most 254 characters; a longer search is a paste gone wrong) the LIKE escape character; the search escapes it, ``%`` and ``_`` in the operator&apos;s text</extracomment>
        <translation>搜索文本长 {text} 个字符；最多接受 {SEARCH_MAX} 个。</translation>
    </message>
    <message>
        <source>Search for part of a name, an email or a company, or an account id.</source>
        <translation>请搜索姓名、邮箱或公司的一部分，或账户 ID。</translation>
    </message>
    <message>
        <source>The search text contains a NUL character.</source>
        <translation>搜索文本含有 NUL 字符。</translation>
    </message>
    <message>
        <source>Type or paste the text again.</source>
        <translation>请重新输入或粘贴文本。</translation>
    </message>
    <message>
        <source>Unknown account status {status!r}.</source>
        <extracomment>who searches (the audit event&apos;s operator on SQLite; on PostgreSQL the database&apos;s own login)</extracomment>
        <translation>未知的账户状态 {status!r}。</translation>
    </message>
    <message>
        <source>Use one of: {value}.</source>
        <translation>请使用以下之一：{value}。</translation>
    </message>
    <message>
        <source>Accounts cannot be sorted by {sort_key!r}.</source>
        <translation>账户无法按 {sort_key!r} 排序。</translation>
    </message>
    <message>
        <source>Give it as SEQ:HASH, a positive event number and 64 lowercase hex digits, as &apos;minisip-console audit head&apos; prints it.</source>
        <extracomment>the largest event number a head can name (a signed 64-bit integer); more is refused as malformed one encoder, made once: ``json.dumps`` with these options builds a new one per call, which was most of the cost of verifying an event (the bytes are the same)</extracomment>
        <translation>请以 SEQ:HASH 形式给出：一个正的事件编号和 64 位小写十六进制数字，与 &apos;minisip-console audit head&apos; 的输出一致。</translation>
    </message>
    <message>
        <source>{shown} is not a head: {why}.</source>
        <translation>{shown} 不是审计日志头：{why}。</translation>
    </message>
    <message>
        <source>it lacks the events of records the console holds: {missing}</source>
        <extracomment>what ``check_records`` holds the log against: the kinds the core audits in the transaction that creates the row, as the demo does too. Left out on purpose: operators (a schema owner may add the first ones directly), policy versions (written by hand in setups and tests), site notices (a service table: the site may add its own), and running purge receipts (their event comes when they finish; a killed run&apos;s comes as ``purge.interrupted`` from the next run). how many ids of records without their event a check names the console&apos;s audited records held against the log (``check_records``): details of the verdict above, left out of comparisons</extracomment>
        <translation>缺少控制台所持记录的事件：{missing}</translation>
    </message>
    <message>
        <source>event {seq} ({action}) was made by {login}, who was not an active admin then: only admins add or remove retention targets</source>
        <extracomment>what an added retention target&apos;s event must name (``targets._details``) a key of an event&apos;s details that would carry a secret</extracomment>
        <translation>事件 {seq}（{action}）由 {login} 执行，而其当时不是有效的管理员：只有管理员可以添加或移除保留目标</translation>
    </message>
    <message>
        <source>event {seq} ({action}) has no readable details</source>
        <translation>事件 {seq}（{action}）的详情无法读取</translation>
    </message>
    <message>
        <source>event {seq} removes retention target {id}, which no earlier retention.target_added event added</source>
        <translation>事件 {seq} 移除了保留目标 {id}，但之前没有任何 retention.target_added 事件添加过它</translation>
    </message>
    <message>
        <source>event {seq} adds a retention target without its {fields}</source>
        <translation>事件 {seq} 添加的保留目标缺少 {fields}</translation>
    </message>
    <message>
        <source>event {seq} adds a retention target with a secret in its details ({keys})</source>
        <translation>事件 {seq} 添加的保留目标在详情中含有机密信息（{keys}）</translation>
    </message>
    <message>
        <source>event {seq} adds a retention target whose URL carries a password</source>
        <translation>事件 {seq} 添加的保留目标的 URL 中带有密码</translation>
    </message>
    <message>
        <source>event {seq} is missing</source>
        <translation>缺少事件 {seq}</translation>
    </message>
    <message>
        <source>does not chain to the event before it</source>
        <translation>未与前一个事件相链接</translation>
    </message>
    <message>
        <source>its content does not match its hash</source>
        <translation>其内容与其哈希不符</translation>
    </message>
    <message>
        <source>the log ends before the exported head: it was truncated</source>
        <translation>日志在导出的日志头之前就结束了：日志被截断</translation>
    </message>
    <message>
        <source>differs from the exported head: the log was rewritten</source>
        <translation>与导出的日志头不同：日志被改写</translation>
    </message>
    <message>
        <source>Seq</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>The event&apos;s place in the hash chain</source>
        <translation>事件在哈希链中的位置</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
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
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>access grant</source>
        <extracomment>both orders follow seq (events are appended in time order): an index scan on the primary key</extracomment>
        <translation>授权</translation>
    </message>
    <message>
        <source>account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>accounts</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>audit report</source>
        <translation>审计报告</translation>
    </message>
    <message>
        <source>deletion request</source>
        <translation>删除请求</translation>
    </message>
    <message>
        <source>disclosure</source>
        <translation>披露</translation>
    </message>
    <message>
        <source>law enforcement request</source>
        <translation>执法请求</translation>
    </message>
    <message>
        <source>legal hold</source>
        <translation>法律保留</translation>
    </message>
    <message>
        <source>marketing list</source>
        <translation>营销名单</translation>
    </message>
    <message>
        <source>notice campaign</source>
        <translation>通知活动</translation>
    </message>
    <message>
        <source>notice delivery</source>
        <translation>通知投递</translation>
    </message>
    <message>
        <source>policy version</source>
        <translation>政策版本</translation>
    </message>
    <message>
        <source>purge run</source>
        <translation>清除运行</translation>
    </message>
    <message>
        <source>retention policy</source>
        <translation>保留策略</translation>
    </message>
    <message>
        <source>site notice</source>
        <translation>网站通知</translation>
    </message>
    <message>
        <source>uploaded file</source>
        <translation>上传的文件</translation>
    </message>
    <message>
        <source>{target} {id}</source>
        <translation>{target} {id}</translation>
    </message>
    <message>
        <source>The audit log cannot be sorted by {sort_key!r}.</source>
        <translation>审计日志无法按 {sort_key!r} 排序。</translation>
    </message>
    <message>
        <source>The date range is empty: {value} is after {value2}.</source>
        <extracomment>columns of the CSV export, in order: every field the hash covers, so the export can be checked</extracomment>
        <translation>日期范围为空：{value} 晚于 {value2}。</translation>
    </message>
    <message>
        <source>Give --since on or before --until.</source>
        <translation>--since 须早于或等于 --until。</translation>
    </message>
    <message>
        <source>{option} {text!r} is not a date.</source>
        <translation>{option} {text!r} 不是日期。</translation>
    </message>
    <message>
        <source>Use the ISO form YYYY-MM-DD, e.g. 2026-03-01.</source>
        <translation>请使用 ISO 格式 YYYY-MM-DD，例如 2026-03-01。</translation>
    </message>
    <message>
        <source>--account: {message}</source>
        <translation>--account：{message}</translation>
    </message>
    <message>
        <source>Give the account&apos;s number, e.g. 1042.</source>
        <translation>请给出账户编号，例如 1042。</translation>
    </message>
    <message>
        <source>The folder for {out} does not exist.</source>
        <translation>{out} 所在的文件夹不存在。</translation>
    </message>
    <message>
        <source>Create it or choose another --out.</source>
        <translation>请创建该文件夹或选择其他 --out。</translation>
    </message>
    <message>
        <source>The report&apos;s {name} must be a date.</source>
        <extracomment>the most purge receipts one report lists (a year of daily runs of four categories is ~1,500) ``SEQ:HASH``: the audit head read after everything else (None for an empty log)</extracomment>
        <translation>报告的{name}必须是日期。</translation>
    </message>
    <message>
        <source>The report&apos;s start ({since:%Y-%m-%d}) is after its end ({until:%Y-%m-%d}).</source>
        <translation>报告的开始日期（{since:%Y-%m-%d}）晚于结束日期（{until:%Y-%m-%d}）。</translation>
    </message>
    <message>
        <source>make the audit report</source>
        <translation>生成审计报告</translation>
    </message>
    <message>
        <source>export the audit report</source>
        <translation>导出审计报告</translation>
    </message>
    <message>
        <source>The report&apos;s SHA-256 must be 64 lowercase hex digits.</source>
        <translation>报告的 SHA-256 必须是 64 位小写十六进制数字。</translation>
    </message>
    <message>
        <source>There is no campaign {campaign_id}.</source>
        <extracomment>campaign states seconds to wait before the n-th retry after a 4xx answer (the last one repeats) rows claimed (committed as ``sending``) per ledger commit, ahead of their messages (see ``_Ledger``: after a crash at most ``2 * CLAIM_AHEAD + 1`` rows are ``uncertain``). the run&apos;s retry budget: server-level failures in a row, with no message accepted in between, after which the run stops (campaign paused, rows ``queued`` with their next attempt time, ``mailer.SmtpKeepsRefusing``). Server-level: a connection that cannot be opened, a connection the server drops or closes, a 421 at any step, a 4xx to MAIL FROM (no recipient named yet). A 4xx to RCPT or DATA is about one recipient (a greylisting relay refuses every new one once) and only counts against that row&apos;s own ``max_attempts``. Why 5: a healthy server costs at most 1 in a row (a per-connection message limit answers 421 once, a dropped connection, a restart refusing one connect) and the next connection sends, which resets the count; the failures come back to back (each on the next owner, milliseconds apart), so more in a row tell nothing new about the server, while each one delays one more owner by their backoff and writes one more warning. a run that waits this long or longer for a retry hangs up first (an idle connection is closed by the server meanwhile, which would cost the next owner an attempt) and connects again after (language, its subject and bodies) for languages other than English; their ``link`` is this one&apos;s the notice templates shipped in ``resources/templates`` Message-IDs are this process&apos;s random prefix and a counter (unique without a random draw per message: two ``uuid4`` per message were a tenth of a campaign&apos;s CPU) one boundary per process: it starts with &quot;=_&quot;, which base64 (the parts&apos; encoding) never contains</extracomment>
        <translation>没有通知活动 {campaign_id}。</translation>
    </message>
    <message>
        <source>There is no policy version {version_id}.</source>
        <translation>没有政策版本 {version_id}。</translation>
    </message>
    <message>
        <source>A preview of a template needs the policy version it is for.</source>
        <translation>预览模板需要指定其对应的政策版本。</translation>
    </message>
    <message>
        <source>There is no account {account_id}.</source>
        <extracomment>the keyset: unique, and what an index returns in order None: everything; else only these categories (``CATEGORY_TABLES``)</extracomment>
        <translation>没有账户 {account_id}。</translation>
    </message>
    <message>
        <source>Only uncertain deliveries can be resolved; not uncertain or unknown: {value}.</source>
        <translation>只能处理投递状态不确定的邮件；以下既非不确定也非未知：{value}。</translation>
    </message>
    <message>
        <source>Campaign {campaign_id} is {state}; it cannot be {action}d.</source>
        <translation>通知活动 {campaign_id} 处于{state}状态，无法执行{action}。</translation>
    </message>
    <message>
        <source>The SMTP server {value} {what}</source>
        <translation>SMTP 服务器 {value} {what}</translation>
    </message>
    <message>
        <source>the {waiting:,} owners not reached yet stay queued.</source>
        <translation>尚未送达的 {waiting:,} 位账户所有者仍在队列中。</translation>
    </message>
    <message>
        <source>the owner not reached yet stays queued.</source>
        <translation>尚未送达的账户所有者仍在队列中。</translation>
    </message>
    <message>
        <source>{sentence}. Campaign {campaign_id} is paused; {stays}</source>
        <translation>{sentence}。通知活动 {campaign_id} 已暂停；{stays}</translation>
    </message>
    <message>
        <source>Check the From address ({from_address}) and that the server lets this login send as it, then send again to resume; nobody gets the notice twice.</source>
        <translation>请检查发件人地址（{from_address}），以及服务器是否允许此登录名以该地址发信，然后再次发送以继续；没有人会收到两次通知。</translation>
    </message>
    <message>
        <source>{sentence} ({failures} times in a row, no message accepted in between). Campaign {campaign_id} is paused; {stays}</source>
        <translation>{sentence}（连续 {failures} 次，其间没有任何邮件被接受）。通知活动 {campaign_id} 已暂停；{stays}</translation>
    </message>
    <message>
        <source>Check the server (its log, its sending limits) and send again to resume: each owner is retried from their next attempt time, and nobody gets the notice twice.</source>
        <translation>请检查服务器（其日志及发送限制），然后再次发送以继续：每位账户所有者将在其下次尝试时间重试，没有人会收到两次通知。</translation>
    </message>
    <message>
        <source>run a notice campaign</source>
        <translation>运行通知活动</translation>
    </message>
    <message>
        <source>Campaign {campaign_id} is {state}; it cannot run again.</source>
        <translation>通知活动 {campaign_id} 处于{state}状态，无法再次运行。</translation>
    </message>
    <message>
        <source>Create a new campaign for the version.</source>
        <translation>请为该版本新建一个通知活动。</translation>
    </message>
    <message>
        <source>A campaign for version {number} is already running.</source>
        <translation>版本 {number} 的通知活动已在运行。</translation>
    </message>
    <message>
        <source>Wait for it to finish, or pause it first.</source>
        <translation>请等待其完成，或先暂停它。</translation>
    </message>
    <message>
        <source>Masked until an access grant for the call&apos;s account exists</source>
        <extracomment>the longest disposition accepted as a filter (the column is ``varchar(45)`` in Asterisk) timestamp columns tried, in order, when none is named shown column key -&gt; the table columns that can hold it, first match wins (case-insensitive)</extracomment>
        <translation>在有该通话所属账户的访问授权之前已遮蔽</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>From</source>
        <translation>发件人</translation>
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
        <source>Disposition</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Duration (s)</source>
        <translation>时长（秒）</translation>
    </message>
    <message>
        <source>Billed (s)</source>
        <translation>计费时长（秒）</translation>
    </message>
    <message>
        <source>The {what} date must be a date and time with a time zone.</source>
        <translation>{what}日期必须是带时区的日期和时间。</translation>
    </message>
    <message>
        <source>Give it in UTC.</source>
        <translation>请以 UTC 给出。</translation>
    </message>
    <message>
        <source>{table} has no account column: its calls cannot be filtered by account.</source>
        <extracomment>the operator browsing (whose grants unmask; on PostgreSQL the database&apos;s own login counts)</extracomment>
        <translation>{table} 没有账户列：其通话无法按账户筛选。</translation>
    </message>
    <message>
        <source>Filter by time or disposition instead.</source>
        <translation>请改为按时间或处置结果筛选。</translation>
    </message>
    <message>
        <source>{account_id!r} is not an account id.</source>
        <translation>{account_id!r} 不是账户 ID。</translation>
    </message>
    <message>
        <source>Give a whole number.</source>
        <translation>请给出一个整数。</translation>
    </message>
    <message>
        <source>{account_id} is not an account id.</source>
        <translation>{account_id} 不是账户 ID。</translation>
    </message>
    <message>
        <source>Account ids are positive whole numbers.</source>
        <translation>账户 ID 是正整数。</translation>
    </message>
    <message>
        <source>The start of the range ({since:%Y-%m-%d %H:%M:%S}) is after its end ({until:%Y-%m-%d %H:%M:%S}).</source>
        <translation>范围的开始（{since:%Y-%m-%d %H:%M:%S}）晚于结束（{until:%Y-%m-%d %H:%M:%S}）。</translation>
    </message>
    <message>
        <source>Swap the two dates.</source>
        <translation>请交换这两个日期。</translation>
    </message>
    <message>
        <source>{disposition!r} is not a disposition.</source>
        <translation>{disposition!r} 不是处置结果。</translation>
    </message>
    <message>
        <source>{table} has no disposition column.</source>
        <translation>{table} 没有处置结果列。</translation>
    </message>
    <message>
        <source>The disposition is {disposition} characters long; at most {DISPOSITION_MAX} are accepted.</source>
        <translation>处置结果长 {disposition} 个字符；最多接受 {DISPOSITION_MAX} 个。</translation>
    </message>
    <message>
        <source>Give a disposition such as ANSWERED, BUSY or NO ANSWER.</source>
        <translation>请给出处置结果，例如 ANSWERED、BUSY 或 NO ANSWER。</translation>
    </message>
    <message>
        <source>The disposition contains a NUL character.</source>
        <translation>处置结果含有 NUL 字符。</translation>
    </message>
    <message>
        <source>Type it again.</source>
        <translation>请重新输入。</translation>
    </message>
    <message>
        <source>Calls cannot be sorted by {key!r}.</source>
        <translation>通话无法按 {key!r} 排序。</translation>
    </message>
    <message>
        <source>Sort by time.</source>
        <translation>请按时间排序。</translation>
    </message>
    <message>
        <source>now must be a date and time with a time zone.</source>
        <translation>now 必须是带时区的日期和时间。</translation>
    </message>
    <message>
        <source>{cutoff_days!r} is not a number of days.</source>
        <translation>{cutoff_days!r} 不是天数。</translation>
    </message>
    <message>
        <source>Give a whole number, 0 or more.</source>
        <translation>请给出 0 或更大的整数。</translation>
    </message>
    <message>
        <source>The chart must reach at least the cutoff ({cutoff_days} days), not {max_days!r}.</source>
        <translation>图表须至少覆盖截止日（{cutoff_days} 天），而不是 {max_days!r}。</translation>
    </message>
    <message>
        <source>The target cannot be read.</source>
        <translation>无法读取目标表。</translation>
    </message>
    <message>
        <source>{label} have no retention in days: there is no cutoff to chart.</source>
        <translation>{label}没有按天数的保留期限：没有可绘制的截止日。</translation>
    </message>
    <message>
        <source>{kept} of {count:,} promise kept</source>
        <extracomment>worst first: the headline names them in this order, and the Overview&apos;s colour is the worst one&apos;s where an operator acts on a promise: the window&apos;s tabs (``go_to``)</extracomment>
        <translation>{count:,} 项承诺中已遵守 {kept} 项</translation>
    </message>
    <message>
        <source>{kept} of {count:,} promises kept</source>
        <translation>{count:,} 项承诺中已遵守 {kept} 项</translation>
    </message>
    <message>
        <source>{count} {verdict}</source>
        <translation>{count} 项{verdict}</translation>
    </message>
    <message>
        <source>{text}; {rest}</source>
        <translation>{text}；{rest}</translation>
    </message>
    <message>
        <source>{a}, {b}</source>
        <translation>{a}，{b}</translation>
    </message>
    <message>
        <source>Request {ids}</source>
        <extracomment>the check reads through sessions of its own (``ctx.sessions``, never ``ctx.session``): it may run on another thread, beside the others</extracomment>
        <translation>请求 {ids}</translation>
    </message>
    <message>
        <source>request {ids}</source>
        <translation>请求 {ids}</translation>
    </message>
    <message>
        <source>Requests {ids} and more</source>
        <translation>请求 {ids} 等</translation>
    </message>
    <message>
        <source>requests {ids} and more</source>
        <translation>请求 {ids} 等</translation>
    </message>
    <message>
        <source>Requests {ids}</source>
        <translation>请求 {ids}</translation>
    </message>
    <message>
        <source>requests {ids}</source>
        <translation>请求 {ids}</translation>
    </message>
    <message>
        <source>{a} {b}</source>
        <translation>{a}{b}</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>support</source>
        <translation>支持</translation>
    </message>
    <message>
        <source>bug</source>
        <translation>缺陷修复</translation>
    </message>
    <message>
        <source>customer request</source>
        <translation>客户请求</translation>
    </message>
    <message>
        <source>legal</source>
        <translation>法律义务</translation>
    </message>
    <message>
        <source>{count} {purpose}</source>
        <translation>{purpose} {count} 项</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>{reads} in the audit log; grants by purpose: {purposes}; {active} active</source>
        <translation>审计日志中有{reads}；按用途的授权：{purposes}；{active} 项生效中</translation>
    </message>
    <message>
        <source>{count:,} unmasked read</source>
        <translation>{count:,} 次未遮蔽读取</translation>
    </message>
    <message>
        <source>{count:,} unmasked reads</source>
        <translation>{count:,} 次未遮蔽读取</translation>
    </message>
    <message>
        <source>{count:,} read of personal data named no running grant of the reader (audit events {seqs}).</source>
        <translation>{count:,} 次个人数据读取未对应读取者正在生效的授权（审计事件 {seqs}）。</translation>
    </message>
    <message>
        <source>{count:,} reads of personal data named no running grant of the reader (audit events {seqs}).</source>
        <translation>{count:,} 次个人数据读取未对应读取者正在生效的授权（审计事件 {seqs}）。</translation>
    </message>
    <message>
        <source>Every unmasked read named a running access grant with a purpose and a ticket.</source>
        <translation>每次未遮蔽读取都对应一项正在生效、注明用途和工单号的授权。</translation>
    </message>
    <message>
        <source>{count:,} uploaded file opened</source>
        <translation>打开了 {count:,} 个上传文件</translation>
    </message>
    <message>
        <source>{count:,} uploaded files opened</source>
        <translation>打开了 {count:,} 个上传文件</translation>
    </message>
    <message>
        <source>{count:,} file opened without the customer&apos;s request reference (audit events {seqs}).</source>
        <translation>{count:,} 个文件在没有客户请求编号的情况下被打开（审计事件 {seqs}）。</translation>
    </message>
    <message>
        <source>{count:,} files opened without the customer&apos;s request reference (audit events {seqs}).</source>
        <translation>{count:,} 个文件在没有客户请求编号的情况下被打开（审计事件 {seqs}）。</translation>
    </message>
    <message>
        <source>Every uploaded file opened named the customer&apos;s own request.</source>
        <translation>每个被打开的上传文件都注明了客户本人的请求。</translation>
    </message>
    <message>
        <source>{count:,} marketing list written, the last {when}</source>
        <translation>已生成 {count:,} 份营销名单，最近一次于 {when}</translation>
    </message>
    <message>
        <source>{count:,} marketing lists written, the last {when}</source>
        <translation>已生成 {count:,} 份营销名单，最近一次于 {when}</translation>
    </message>
    <message>
        <source>no marketing list written</source>
        <translation>未生成营销名单</translation>
    </message>
    <message>
        <source>{count:,} permission on record, {withdrawn} withdrawn; {lists}</source>
        <translation>已记录 {count:,} 项许可，{withdrawn} 项已撤回；{lists}</translation>
    </message>
    <message>
        <source>{count:,} permissions on record, {withdrawn} withdrawn; {lists}</source>
        <translation>已记录 {count:,} 项许可，{withdrawn} 项已撤回；{lists}</translation>
    </message>
    <message>
        <source>{count:,} permission on record name no evidence.</source>
        <translation>已记录的 {count:,} 项许可未注明证据。</translation>
    </message>
    <message>
        <source>{count:,} permissions on record name no evidence.</source>
        <translation>已记录的 {count:,} 项许可未注明证据。</translation>
    </message>
    <message>
        <source>Marketing lists hold only accounts whose permission is on record with its evidence.</source>
        <translation>营销名单只包含已记录许可及其证据的账户。</translation>
    </message>
    <message>
        <source>{count:,} disclosure in the register</source>
        <translation>登记册中有 {count:,} 项披露</translation>
    </message>
    <message>
        <source>{count:,} disclosures in the register</source>
        <translation>登记册中有 {count:,} 项披露</translation>
    </message>
    <message>
        <source>{count:,} disclosure in the register name no legal basis or evidence.</source>
        <translation>登记册中有 {count:,} 项披露未注明法律依据或证据。</translation>
    </message>
    <message>
        <source>{count:,} disclosures in the register name no legal basis or evidence.</source>
        <translation>登记册中有 {count:,} 项披露未注明法律依据或证据。</translation>
    </message>
    <message>
        <source>Every disclosure in the register names its legal basis and evidence.</source>
        <translation>登记册中的每项披露都注明了法律依据和证据。</translation>
    </message>
    <message>
        <source>{count:,} acquisition notice</source>
        <translation>{count:,} 份收购通知</translation>
    </message>
    <message>
        <source>{count:,} acquisition notices</source>
        <translation>{count:,} 份收购通知</translation>
    </message>
    <message>
        <source>{notices}, {published} published</source>
        <translation>{notices}，{published} 份已发布</translation>
    </message>
    <message>
        <source>No acquisition or merger has been announced.</source>
        <translation>尚未宣布任何收购或合并。</translation>
    </message>
    <message>
        <source>Every acquisition notice reached owners at least {days} days before the transfer.</source>
        <translation>每份收购通知都在转移前至少 {days} 天送达账户所有者。</translation>
    </message>
    <message>
        <source>{requests}, {holds}</source>
        <translation>{requests}，{holds}</translation>
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
        <source>{count:,} active hold</source>
        <translation>{count:,} 项生效中的法律保留</translation>
    </message>
    <message>
        <source>{count:,} active holds</source>
        <translation>{count:,} 项生效中的法律保留</translation>
    </message>
    <message>
        <source>{count:,} request complied with without a checked court order or warrant.</source>
        <translation>{count:,} 个请求在没有经核实的法院命令或搜查令的情况下被执行。</translation>
    </message>
    <message>
        <source>{count:,} requests complied with without a checked court order or warrant.</source>
        <translation>{count:,} 个请求在没有经核实的法院命令或搜查令的情况下被执行。</translation>
    </message>
    <message>
        <source>No data was handed over without a court order or warrant that an operator checked.</source>
        <translation>没有在缺少经操作员核实的法院命令或搜查令的情况下交出任何数据。</translation>
    </message>
    <message>
        <source>{due} due, {overdue} overdue, {gags} to review</source>
        <translation>{due}待发，{overdue} 份逾期，{gags}待复核</translation>
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
        <source>{count:,} gag order</source>
        <translation>{count:,} 项禁止披露令</translation>
    </message>
    <message>
        <source>{count:,} gag orders</source>
        <translation>{count:,} 项禁止披露令</translation>
    </message>
    <message>
        <source>{count:,} customer not told of a request past the notice deadline.</source>
        <translation>{count:,} 位客户在通知期限过后仍未被告知有关其的请求。</translation>
    </message>
    <message>
        <source>{count:,} customers not told of a request past the notice deadline.</source>
        <translation>{count:,} 位客户在通知期限过后仍未被告知有关其的请求。</translation>
    </message>
    <message>
        <source>{count:,} customer must be told of a request</source>
        <translation>须告知 {count:,} 位客户有关其的请求</translation>
    </message>
    <message>
        <source>{count:,} customers must be told of a request</source>
        <translation>须告知 {count:,} 位客户有关其的请求</translation>
    </message>
    <message>
        <source>{count:,} gag order must be reviewed</source>
        <translation>须复核 {count:,} 项禁止披露令</translation>
    </message>
    <message>
        <source>{count:,} gag orders must be reviewed</source>
        <translation>须复核 {count:,} 项禁止披露令</translation>
    </message>
    <message>
        <source>{text}.</source>
        <translation>{text}。</translation>
    </message>
    <message>
        <source>{a}; {b}</source>
        <translation>{a}；{b}</translation>
    </message>
    <message>
        <source>Every customer was told of a request about them unless a gag order in force prevents it.</source>
        <translation>每位客户都已被告知有关其的请求，除非有生效的禁止披露令。</translation>
    </message>
    <message>
        <source>{count:,} request completed and certified (median {median} days), {open} open</source>
        <translation>{count:,} 个请求已完成并出具证明（中位数 {median} 天），{open} 个未结</translation>
    </message>
    <message>
        <source>{count:,} requests completed and certified (median {median} days), {open} open</source>
        <translation>{count:,} 个请求已完成并出具证明（中位数 {median} 天），{open} 个未结</translation>
    </message>
    <message>
        <source>{requests} past the due date</source>
        <translation>{requests}已超过截止日期</translation>
    </message>
    <message>
        <source>{requests} failed: run again</source>
        <translation>{requests}失败：请重新运行</translation>
    </message>
    <message>
        <source>{requests} completed without a verification of zero rows left</source>
        <translation>{requests}已完成，但未核实零行残留</translation>
    </message>
    <message>
        <source>{requests} due within {days} days.</source>
        <translation>{requests}将在 {days} 天内到期。</translation>
    </message>
    <message>
        <source>No request is overdue; every completed request was verified to zero rows left ({requests} completed late).</source>
        <translation>没有逾期请求；每个已完成的请求都已核实零行残留（{requests}完成较晚）。</translation>
    </message>
    <message>
        <source>No request is overdue; every completed request was verified to zero rows left.</source>
        <translation>没有逾期请求；每个已完成的请求都已核实零行残留。</translation>
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
        <source>Retention target {name}: {verdict}. {reasons}</source>
        <extracomment>the worst verdict first (``CategoryStatus.verdict``&apos;s own order)</extracomment>
        <translation>保留目标 {name}：{verdict}。{reasons}</translation>
    </message>
    <message>
        <source>{evidence}; saved targets: {targets}</source>
        <translation>{evidence}；已保存的目标：{targets}</translation>
    </message>
    <message>
        <source>{name} ({verdict}, {overdue:,} due)</source>
        <translation>{name}（{verdict}，{overdue:,} 行待清除）</translation>
    </message>
    <message>
        <source>the target cannot be read</source>
        <translation>无法读取目标表</translation>
    </message>
    <message>
        <source>today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>{days} ago</source>
        <translation>{days}前</translation>
    </message>
    <message>
        <source>{total:,} rows, kept until reviewed ({review_by})</source>
        <translation>{total:,} 行，保留至复核（{review_by}）</translation>
    </message>
    <message>
        <source>{total:,} rows, kept until reviewed (no review date)</source>
        <translation>{total:,} 行，保留至复核（无复核日期）</translation>
    </message>
    <message>
        <source>The review date {review_by} has not passed.</source>
        <translation>复核日期 {review_by} 尚未到。</translation>
    </message>
    <message>
        <source>Nothing to keep.</source>
        <translation>没有需要保留的数据。</translation>
    </message>
    <message>
        <source>daily</source>
        <translation>每天</translation>
    </message>
    <message>
        <source>every {days}</source>
        <translation>每 {days}</translation>
    </message>
    <message>
        <source>{total:,} rows, kept {days} and purged {every}; {late:,} late, {overdue:,} due for the next purge, {held:,} held; scheduled purge last ran {ran}</source>
        <translation>{total:,} 行，保留 {days}，清除频率：{every}；{late:,} 行逾期，{overdue:,} 行待下次清除，{held:,} 行被保留；定时清除上次运行：{ran}</translation>
    </message>
    <message>
        <source>Nothing is older than {days} (the retention plus the purge interval), and the scheduled purge runs.</source>
        <translation>没有数据早于 {days}（保留期限加清除间隔），且定时清除正常运行。</translation>
    </message>
    <message>
        <source>{count:,} published version, none significant</source>
        <translation>{count:,} 个已发布版本，均非重大变更</translation>
    </message>
    <message>
        <source>{count:,} published versions, none significant</source>
        <translation>{count:,} 个已发布版本，均非重大变更</translation>
    </message>
    <message>
        <source>Decide whether version {versions} is significant.</source>
        <translation>请判定版本 {versions} 是否为重大变更。</translation>
    </message>
    <message>
        <source>No significant change has been published.</source>
        <translation>尚未发布重大变更。</translation>
    </message>
    <message>
        <source>version {version}: {sent:,} emailed, {failed:,} failed or bounced, site notice shown</source>
        <translation>版本 {version}：已发送邮件 {sent:,} 封，失败或退回 {failed:,} 封，网站通知已显示</translation>
    </message>
    <message>
        <source>version {version}: {sent:,} emailed, {failed:,} failed or bounced, site notice not shown</source>
        <translation>版本 {version}：已发送邮件 {sent:,} 封，失败或退回 {failed:,} 封，网站通知未显示</translation>
    </message>
    <message>
        <source>Version {version}: {count:,} emails are still going out.</source>
        <translation>版本 {version}：仍有 {count:,} 封邮件正在发送。</translation>
    </message>
    <message>
        <source>Every owner of version {version} was emailed or shown a site notice.</source>
        <translation>版本 {version} 的每位账户所有者都已收到邮件或看到网站通知。</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>空</translation>
    </message>
    <message>
        <source>{events:,} events verified, head {head}</source>
        <translation>已验证 {events:,} 个事件，日志头 {head}</translation>
    </message>
    <message>
        <source>The chain breaks at event {seq}.</source>
        <translation>哈希链在事件 {seq} 处断开。</translation>
    </message>
    <message>
        <source>Every event&apos;s hash chains to the one before, and every audited record has its events.</source>
        <translation>每个事件的哈希都与前一个事件相链接，且每条受审计的记录都有其事件。</translation>
    </message>
    <message>
        <source>{count:,} viewer</source>
        <translation>{count:,} 名查看者</translation>
    </message>
    <message>
        <source>{count:,} viewers</source>
        <translation>{count:,} 名查看者</translation>
    </message>
    <message>
        <source>{count:,} operator</source>
        <translation>{count:,} 位操作员</translation>
    </message>
    <message>
        <source>{count:,} operators</source>
        <translation>{count:,} 位操作员</translation>
    </message>
    <message>
        <source>{count:,} approver</source>
        <translation>{count:,} 名审批人</translation>
    </message>
    <message>
        <source>{count:,} approvers</source>
        <translation>{count:,} 名审批人</translation>
    </message>
    <message>
        <source>{count:,} admin</source>
        <translation>{count:,} 名管理员</translation>
    </message>
    <message>
        <source>{count:,} admins</source>
        <translation>{count:,} 名管理员</translation>
    </message>
    <message>
        <source>database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>single user</source>
        <translation>单用户</translation>
    </message>
    <message>
        <source>demo</source>
        <translation>演示</translation>
    </message>
    <message>
        <source>{count:,} {role}</source>
        <translation>{count:,} 名{role}</translation>
    </message>
    <message>
        <source>{roles} (active); trust: {mode}</source>
        <translation>{roles}（在职）；信任模式：{mode}</translation>
    </message>
    <message>
        <source>Only {count:,} operator can approve: four eyes need two.</source>
        <translation>只有 {count:,} 名操作员可以审批：四眼原则需要两人。</translation>
    </message>
    <message>
        <source>Only {count:,} operators can approve: four eyes need two.</source>
        <translation>只有 {count:,} 名操作员可以审批：四眼原则需要两人。</translation>
    </message>
    <message>
        <source>Access only to help</source>
        <translation>仅为提供帮助而访问</translation>
    </message>
    <message>
        <source>We&apos;ll only ever access your account to help you with a problem or squash a software bug.</source>
        <translation>我们只会为帮助您解决问题或修复软件缺陷而访问您的账户。</translation>
    </message>
    <message>
        <source>Uploaded files never opened unasked</source>
        <translation>未经要求绝不打开上传文件</translation>
    </message>
    <message>
        <source>We&apos;ll never open any uploaded files unless you ask us to.</source>
        <translation>除非您要求，我们绝不会打开任何上传的文件。</translation>
    </message>
    <message>
        <source>No marketing without permission</source>
        <translation>未经许可不用于营销</translation>
    </message>
    <message>
        <source>We won&apos;t use your name or company in marketing statements without your permission, either.</source>
        <translation>未经您的许可，我们也不会在营销宣传中使用您的姓名或公司名称。</translation>
    </message>
    <message>
        <source>Correspondence kept for reference</source>
        <translation>往来邮件留存备查</translation>
    </message>
    <message>
        <source>When you write miniSIPServer with a question or to ask for help, we&apos;ll keep that correspondence, and the email address, for future reference.</source>
        <translation>当您就问题或求助致信 miniSIPServer 时，我们会保留该往来邮件及邮箱地址，以备日后查阅。</translation>
    </message>
    <message>
        <source>Page visits for statistics</source>
        <translation>页面访问用于统计</translation>
    </message>
    <message>
        <source>When you browse our marketing pages, we&apos;ll track that for statistical purposes.</source>
        <translation>当您浏览我们的营销页面时，我们会出于统计目的进行跟踪。</translation>
    </message>
    <message>
        <source>Surveys kept as long as it makes sense</source>
        <translation>问卷按合理期限保存</translation>
    </message>
    <message>
        <source>We also store any information you volunteer, like surveys, for as long as it makes sense.</source>
        <translation>对于您自愿提供的任何信息（如问卷），我们也只在合理的期限内保存。</translation>
    </message>
    <message>
        <source>Shared only with a basis</source>
        <translation>仅在有依据时共享</translation>
    </message>
    <message>
        <source>The only times we&apos;ll ever share your info</source>
        <translation>我们共享您信息的唯一情形</translation>
    </message>
    <message>
        <source>Told well before a transfer</source>
        <translation>转移前及早通知</translation>
    </message>
    <message>
        <source>We&apos;ll notify you well before any info about you is transferred and becomes subject to a different privacy policy.</source>
        <translation>在有关您的任何信息被转移并适用不同的隐私政策之前，我们会及早通知您。</translation>
    </message>
    <message>
        <source>Law enforcement only with a court order</source>
        <translation>仅凭法院命令向执法部门提供</translation>
    </message>
    <message>
        <source>miniSIPServer won&apos;t hand your data over to law enforcement unless a court order says we have to.</source>
        <translation>除非法院命令要求，miniSIPServer 不会将您的数据交给执法部门。</translation>
    </message>
    <message>
        <source>Told of law-enforcement requests</source>
        <translation>告知执法请求</translation>
    </message>
    <message>
        <source>Unless we&apos;re legally prevented from it, we&apos;ll always inform you when such requests are made.</source>
        <translation>除非法律禁止，我们始终会在收到此类请求时通知您。</translation>
    </message>
    <message>
        <source>Deleted configurations leave nothing</source>
        <translation>删除的配置不留痕迹</translation>
    </message>
    <message>
        <source>When you delete your configurations, we&apos;ll ensure that nothing is stored on our servers.</source>
        <translation>当您删除配置时，我们会确保我们的服务器上不再存储任何内容。</translation>
    </message>
    <message>
        <source>CDRs deleted after 30 days</source>
        <translation>CDR 30 天后删除</translation>
    </message>
    <message>
        <source>CDR records will also be deleted automatically in 30 days.</source>
        <translation>CDR 记录也会在 30 天后自动删除。</translation>
    </message>
    <message>
        <source>Told of significant changes</source>
        <translation>告知重大变更</translation>
    </message>
    <message>
        <source>We&apos;ll notify you about significant changes by emailing the account owner or by placing a prominent notice on our site.</source>
        <translation>对于重大变更，我们会通过电子邮件通知账户所有者，或在网站上发布醒目的通知。</translation>
    </message>
    <message>
        <source>The record of it all is intact</source>
        <translation>所有记录完整无缺</translation>
    </message>
    <message>
        <source>Behind every promise: the audit log is append-only and hash-chained, so what it proves cannot be rewritten.</source>
        <translation>每项承诺的背后：审计日志只能追加且以哈希链相连，其证明的内容无法被改写。</translation>
    </message>
    <message>
        <source>Four eyes on every sensitive step</source>
        <translation>每个敏感步骤都遵循四眼原则</translation>
    </message>
    <message>
        <source>Behind every promise: a second operator approves deletions, compliance and policy changes.</source>
        <translation>每项承诺的背后：删除、执法配合和政策变更都需第二名操作员审批。</translation>
    </message>
    <message>
        <source>The check could not run: {error}</source>
        <translation>检查无法运行：{error}</translation>
    </message>
    <message>
        <source>The check could not run: {kind}: {error}</source>
        <translation>检查无法运行：{kind}：{error}</translation>
    </message>
    <message>
        <source>The request did not come from the account owner</source>
        <extracomment>the roots of the ``configurations`` scope: these tables and every table referencing them the personal fields a tombstone clears, and what it leaves in them</extracomment>
        <translation>请求并非来自账户所有者</translation>
    </message>
    <message>
        <source>A legal obligation requires keeping the data</source>
        <translation>法律义务要求保留这些数据</translation>
    </message>
    <message>
        <source>The same request was already made</source>
        <translation>已提出过相同的请求</translation>
    </message>
    <message>
        <source>The customer withdrew the request</source>
        <translation>客户撤回了请求</translation>
    </message>
    <message>
        <source>The data is not held by this service</source>
        <translation>本服务并不持有这些数据</translation>
    </message>
    <message>
        <source>Another reason (explained in the note)</source>
        <translation>其他原因（在备注中说明）</translation>
    </message>
    <message>
        <source>Unknown scope {value!r}.</source>
        <extracomment>(column, referenced table, referenced column) for every foreign key towards the account (child table, child column, parent table, parent column) for every single-column link columns read besides the keys: the files&apos; paths, and the personal fields a tombstone clears</extracomment>
        <translation>未知的范围 {value!r}。</translation>
    </message>
    <message>
        <source>Use configurations or account.</source>
        <translation>请使用 configurations 或 account。</translation>
    </message>
    <message>
        <source>There is no deletion request {request_id}.</source>
        <extracomment>``SEQ:HASH``: the audit head the certificate was made under (None before it was recorded)</extracomment>
        <translation>没有删除请求 {request_id}。</translation>
    </message>
    <message>
        <source>See: minisip-console deletion list.</source>
        <translation>参见：minisip-console deletion list。</translation>
    </message>
    <message>
        <source>The source is {source:,} characters; at most 300 are kept.</source>
        <translation>来源长 {source:,} 个字符；最多保留 300 个。</translation>
    </message>
    <message>
        <source>Say in short how the customer asked; the ticket holds the rest.</source>
        <translation>请简要说明客户如何提出请求；其余内容记在工单中。</translation>
    </message>
    <message>
        <source>Check the account id in the Accounts tab.</source>
        <translation>请在“账户”标签页中核对账户 ID。</translation>
    </message>
    <message>
        <source>Account {account_id} is already deleted.</source>
        <translation>账户 {account_id} 已被删除。</translation>
    </message>
    <message>
        <source>Account {account_id} already has an open {value} deletion request: request {id} ({state}, filed by {requested_by} on {requested_at:%Y-%m-%d}).</source>
        <translation>账户 {account_id} 已有一个未结的 {value} 删除请求：请求 {id}（{state}，由 {requested_by} 于 {requested_at:%Y-%m-%d} 提交）。</translation>
    </message>
    <message>
        <source>Work on that request instead of filing a second one.</source>
        <translation>请处理该请求，而不要再提交一个。</translation>
    </message>
    <message>
        <source>file a deletion request</source>
        <extracomment>what can be done to the queue, as the window&apos;s buttons and the commands name it the states a run may start (or finish) from</extracomment>
        <translation>提交删除请求</translation>
    </message>
    <message>
        <source>approve a deletion request</source>
        <translation>审批删除请求</translation>
    </message>
    <message>
        <source>reject a deletion request</source>
        <translation>拒绝删除请求</translation>
    </message>
    <message>
        <source>cancel a deletion request</source>
        <translation>取消删除请求</translation>
    </message>
    <message>
        <source>carry out a deletion request</source>
        <translation>执行删除请求</translation>
    </message>
    <message>
        <source>send a deletion certificate to a customer</source>
        <translation>向客户发送删除证明</translation>
    </message>
    <message>
        <source>received</source>
        <translation>已接收</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>已审批</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>executing</source>
        <translation>执行中</translation>
    </message>
    <message>
        <source>verifying</source>
        <translation>核实中</translation>
    </message>
    <message>
        <source>Request {n} is {state}: only a received request can be approved.</source>
        <translation>请求 {n} 处于 {state} 状态：只有已接收的请求可以审批。</translation>
    </message>
    <message>
        <source>{login} filed request {n} and cannot also approve it.</source>
        <translation>{login} 提交了请求 {n}，不能同时审批它。</translation>
    </message>
    <message>
        <source>Four eyes: another approver must approve it.</source>
        <translation>四眼原则：须由另一名审批人审批。</translation>
    </message>
    <message>
        <source>Request {n} is {state}: it can no longer be rejected.</source>
        <translation>请求 {n} 处于 {state} 状态：不能再拒绝。</translation>
    </message>
    <message>
        <source>Request {n} is {state}: only a request that has not started can be cancelled.</source>
        <translation>请求 {n} 处于 {state} 状态：只有尚未开始的请求可以取消。</translation>
    </message>
    <message>
        <source>Only {requested_by}, who filed request {n}, or an admin can cancel it.</source>
        <translation>只有提交请求 {n} 的 {requested_by} 或管理员可以取消它。</translation>
    </message>
    <message>
        <source>Request {n} is {state}: only an approved request (or one a stopped run left) can be carried out.</source>
        <translation>请求 {n} 处于 {state} 状态：只有已审批的请求（或中断运行遗留的请求）可以执行。</translation>
    </message>
    <message>
        <source>A received request needs a second operator&apos;s approval first.</source>
        <translation>已接收的请求须先经第二名操作员审批。</translation>
    </message>
    <message>
        <source>Request {n} is {state}: only a completed, verified request has a certificate.</source>
        <translation>请求 {n} 处于 {state} 状态：只有已完成并经核实的请求才有证明。</translation>
    </message>
    <message>
        <source>Unknown rejection reason {reason!r}.</source>
        <translation>未知的拒绝原因 {reason!r}。</translation>
    </message>
    <message>
        <source>A rejection for another reason needs a note explaining it.</source>
        <translation>以“其他原因”拒绝时，需要填写备注加以说明。</translation>
    </message>
    <message>
        <source>hold {id}: {reason}, placed by {placed_by} on {placed_at:%Y-%m-%d}, until {expires_at:%Y-%m-%d %H:%M} UTC</source>
        <extracomment>kept for callers of the old name: the holds in force on an account (``core.holds``)</extracomment>
        <translation>法律保留 {id}：{reason}，由 {placed_by} 于 {placed_at:%Y-%m-%d} 设置，有效至 {expires_at:%Y-%m-%d %H:%M} UTC</translation>
    </message>
    <message>
        <source>hold {id}: {reason}, placed by {placed_by} on {placed_at:%Y-%m-%d}, with no end date (until an approver releases it)</source>
        <translation>法律保留 {id}：{reason}，由 {placed_by} 于 {placed_at:%Y-%m-%d} 设置，没有结束日期（直至审批人解除）</translation>
    </message>
    <message>
        <source> (and {count} more)</source>
        <translation>（另有 {count} 项）</translation>
    </message>
    <message>
        <source>Account {account_id} was placed under a legal hold while request {request_id} ran ({hold}){more}; the deletion stopped before its next step.</source>
        <translation>请求 {request_id} 运行期间，账户 {account_id} 被置于法律保留之下（{hold}）{more}；删除在下一步之前停止。</translation>
    </message>
    <message>
        <source>Account {account_id} is under a legal hold ({hold}){more}; request {request_id} cannot be carried out while it lasts.</source>
        <translation>账户 {account_id} 处于法律保留之下（{hold}）{more}；在其有效期间无法执行请求 {request_id}。</translation>
    </message>
    <message>
        <source>: the next run finishes it once the hold has ended</source>
        <translation>：法律保留结束后，下一次运行会将其完成</translation>
    </message>
    <message>
        <source>The hold must be released first; the request stays {state}{then}.</source>
        <translation>须先解除法律保留；请求保持 {state}{then}。</translation>
    </message>
    <message>
        <source>Request {request_id} is being carried out by another process.</source>
        <translation>请求 {request_id} 正由另一个进程执行。</translation>
    </message>
    <message>
        <source>Wait for it to finish.</source>
        <translation>请等待其完成。</translation>
    </message>
    <message>
        <source>Request {request_id} was stopped before it finished; it stays executing.</source>
        <translation>请求 {request_id} 在完成前被中止；它仍处于执行中状态。</translation>
    </message>
    <message>
        <source>Run it again to finish: nothing is half deleted in the database.</source>
        <translation>请再次运行以完成：数据库中没有任何数据处于删除一半的状态。</translation>
    </message>
    <message>
        <source>Other consoles kept writing to the audit log while request {request_id} was being completed.</source>
        <translation>在完成请求 {request_id} 期间，其他控制台一直在写入审计日志。</translation>
    </message>
    <message>
        <source>Nothing of the completion was recorded and the request stays verifying; run it again to finish it.</source>
        <translation>完成操作未被记录，请求仍处于核实中状态；请再次运行以完成它。</translation>
    </message>
    <message>
        <source>Request {request_id} is {state}: only a completed request has a certificate.</source>
        <extracomment>tries of the completion&apos;s transaction when other consoles append to the audit log meanwhile the reader&apos;s operator where only the table to read from matters</extracomment>
        <translation>请求 {request_id} 处于 {state} 状态：只有已完成的请求才有证明。</translation>
    </message>
    <message>
        <source>The certificate of request {request_id} does not match the SHA-256 recorded when it completed.</source>
        <translation>请求 {request_id} 的证明与其完成时记录的 SHA-256 不符。</translation>
    </message>
    <message>
        <source>The request&apos;s record was changed afterwards: run minisip-console audit verify.</source>
        <translation>该请求的记录在之后被更改过：请运行 minisip-console audit verify。</translation>
    </message>
    <message>
        <source>Cannot write a certificate as {value}.</source>
        <translation>无法将证明写为 {value}。</translation>
    </message>
    <message>
        <source>Use a .json or .html file name.</source>
        <translation>请使用 .json 或 .html 文件名。</translation>
    </message>
    <message>
        <source>A demo needs at least one account.</source>
        <extracomment>CDRs written per transaction (and per progress report / cancel check) one account in this many is a Chinese-speaking owner&apos;s (``accounts.language`` zh_CN) the console&apos;s staff; the current OS login joins them as an admin rows created per table, in schema order CDRs older than the 30-day limit at ``now``</extracomment>
        <translation>演示数据至少需要一个账户。</translation>
    </message>
    <message>
        <source>The number of CDRs cannot be negative.</source>
        <translation>CDR 数量不能为负数。</translation>
    </message>
    <message>
        <source>Demo creation cancelled {where}; the database holds a partial demo.</source>
        <translation>演示数据创建已取消 {where}；数据库中只有部分演示数据。</translation>
    </message>
    <message>
        <source>Re-create it with --force.</source>
        <translation>请使用 --force 重新创建。</translation>
    </message>
    <message>
        <source>{value} already holds data (in {value2}).</source>
        <translation>{value} 已含有数据（在 {value2} 中）。</translation>
    </message>
    <message>
        <source>use --force to replace it</source>
        <translation>使用 --force 替换它</translation>
    </message>
    <message>
        <source>The export was built but could not be moved into place: {message}</source>
        <extracomment>rows fetched per query (and per progress report / cancel check) bytes copied per read (stored files, the JSON spool) deflate level: 1 compresses CSV and JSON about 3.7x faster than the default 6 for ZIPs about 30 % larger (measured on 16 MB of CDRs: 0.14 s against 0.52 s) the layout of the ZIP; raised when an entry changes meaning the data categories of ``core.legal.CATEGORIES`` -&gt; the tables exported for each (``categories=``); &quot;subscriber&quot; is the account row (``profile.json``), &quot;files&quot; adds the stored files&apos; bytes uploaded files whose bytes were not in the file store (their metadata is still exported)</extracomment>
        <translation>导出文件已生成，但无法移动到目标位置：{message}</translation>
    </message>
    <message>
        <source>Its audit event {seq} records it; run the export again.</source>
        <translation>其审计事件 {seq} 记录了此次导出；请再次运行导出。</translation>
    </message>
    <message>
        <source>Unknown data categor{value} {value2}.</source>
        <translation>未知的数据类别 {value2}。</translation>
    </message>
    <message>
        <source>Use: {value}.</source>
        <translation>请使用：{value}。</translation>
    </message>
    <message>
        <source>An export limited to categories needs at least one category.</source>
        <translation>按类别限定的导出至少需要一个类别。</translation>
    </message>
    <message>
        <source>{path} is a folder.</source>
        <translation>{path} 是一个文件夹。</translation>
    </message>
    <message>
        <source>Give the name of the ZIP file to write, e.g. account-42.zip.</source>
        <translation>请给出要写入的 ZIP 文件名，例如 account-42.zip。</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist.</source>
        <translation>文件夹 {folder} 不存在。</translation>
    </message>
    <message>
        <source>Create it or choose another place for the export.</source>
        <translation>请创建该文件夹，或为导出选择其他位置。</translation>
    </message>
    <message>
        <source>The folder {folder} is not writable.</source>
        <translation>文件夹 {folder} 不可写。</translation>
    </message>
    <message>
        <source>Choose a folder you may write to.</source>
        <translation>请选择一个您有写入权限的文件夹。</translation>
    </message>
    <message>
        <source>Export cancelled {where}; no file was written.</source>
        <translation>导出已取消 {where}；未写入任何文件。</translation>
    </message>
    <message>
        <source>Opening a file needs the reference of the customer&apos;s request to open it. {error}</source>
        <translation>打开文件需要客户要求打开该文件的请求编号。{error}</translation>
    </message>
    <message>
        <source>Give the ticket in which the customer asked for this file to be opened.</source>
        <translation>请给出客户要求打开此文件的工单号。</translation>
    </message>
    <message>
        <source>No uploaded file {file_id}.</source>
        <translation>没有上传文件 {file_id}。</translation>
    </message>
    <message>
        <source>It does not exist, or it was deleted meanwhile.</source>
        <translation>该文件不存在，或已被删除。</translation>
    </message>
    <message>
        <source>Uploaded file {file_id} has a storage path outside the file store; it was not opened.</source>
        <translation>上传文件 {file_id} 的存储路径位于文件存储之外；未打开该文件。</translation>
    </message>
    <message>
        <source>Uploaded file {file_id} ({filename}) is missing from the file store at {root}.</source>
        <translation>上传文件 {file_id}（{filename}）在文件存储 {root} 中缺失。</translation>
    </message>
    <message>
        <source>Its metadata remains; check the file store&apos;s location and backups.</source>
        <translation>其元数据仍在；请检查文件存储的位置和备份。</translation>
    </message>
    <message>
        <source>Uploaded file {file_id} could not be read: {value}.</source>
        <translation>无法读取上传文件 {file_id}：{value}。</translation>
    </message>
    <message>
        <source>place a legal hold</source>
        <extracomment>a preservation request asks to keep data for 90 days (renewable), the usual period</extracomment>
        <translation>设置法律保留</translation>
    </message>
    <message>
        <source>A legal hold needs a reason (the request or order it preserves data for).</source>
        <translation>法律保留需要一个原因（为之保全数据的请求或命令）。</translation>
    </message>
    <message>
        <source>A hold lasts 1 to 3660 days, not {days!r}.</source>
        <translation>法律保留的期限为 1 至 3660 天，而不是 {days!r}。</translation>
    </message>
    <message>
        <source>Leave the period empty for a hold without an end date.</source>
        <translation>若法律保留没有结束日期，请将期限留空。</translation>
    </message>
    <message>
        <source>A legal hold needs at least one account.</source>
        <translation>法律保留至少需要一个账户。</translation>
    </message>
    <message>
        <source>No account {value}.</source>
        <translation>没有账户 {value}。</translation>
    </message>
    <message>
        <source>Check the account numbers.</source>
        <translation>请核对账户编号。</translation>
    </message>
    <message>
        <source>release a legal hold</source>
        <translation>解除法律保留</translation>
    </message>
    <message>
        <source>Legal hold {id} has already ended.</source>
        <translation>法律保留 {id} 已经结束。</translation>
    </message>
    <message>
        <source>Releasing a legal hold needs a reason.</source>
        <translation>解除法律保留需要填写原因。</translation>
    </message>
    <message>
        <source>No legal hold {hold_id}.</source>
        <translation>没有法律保留 {hold_id}。</translation>
    </message>
    <message>
        <source>Owner (masked)</source>
        <translation>所有者（已脱敏）</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <source>Server&apos;s reply or reason</source>
        <translation>服务器答复或原因</translation>
    </message>
    <message>
        <source>What the mail server answered, or why no message was sent</source>
        <translation>邮件服务器的答复，或未发送邮件的原因</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>最近更改</translation>
    </message>
    <message>
        <source>The ledger cannot be sorted by {key!r}.</source>
        <translation>发送记录无法按 {key!r} 排序。</translation>
    </message>
    <message>
        <source>Unknown delivery state {state!r}.</source>
        <translation>未知的投递状态 {state!r}。</translation>
    </message>
    <message>
        <source>There is no policy version {number!r}.</source>
        <translation>没有政策版本 {number!r}。</translation>
    </message>
    <message>
        <source>Informal request (letter, email, phone)</source>
        <extracomment>legal process -&gt; label (the order the intake form offers them)</extracomment>
        <translation>非正式请求（信函、电子邮件、电话）</translation>
    </message>
    <message>
        <source>Subpoena</source>
        <translation>传票</translation>
    </message>
    <message>
        <source>Court order</source>
        <translation>法院命令</translation>
    </message>
    <message>
        <source>Search warrant</source>
        <translation>搜查令</translation>
    </message>
    <message>
        <source>Emergency request</source>
        <translation>紧急请求</translation>
    </message>
    <message>
        <source>Preservation request</source>
        <translation>保全请求</translation>
    </message>
    <message>
        <source>Foreign request (not through a domestic court)</source>
        <translation>境外请求（未经国内法院）</translation>
    </message>
    <message>
        <source>informal request (letter, email, phone)</source>
        <extracomment>the same in the middle of a sentence (&quot;request 3 is a subpoena&quot;)</extracomment>
        <translation>非正式请求（信函、电子邮件、电话）</translation>
    </message>
    <message>
        <source>subpoena</source>
        <translation>传票</translation>
    </message>
    <message>
        <source>court order</source>
        <translation>法院命令</translation>
    </message>
    <message>
        <source>search warrant</source>
        <translation>搜查令</translation>
    </message>
    <message>
        <source>emergency request</source>
        <translation>紧急请求</translation>
    </message>
    <message>
        <source>preservation request</source>
        <translation>保全请求</translation>
    </message>
    <message>
        <source>foreign request (not through a domestic court)</source>
        <translation>境外请求（未经国内法院）</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>proposed</source>
        <translation>已提议</translation>
    </message>
    <message>
        <source>complied</source>
        <translation>已配合</translation>
    </message>
    <message>
        <source>No court order or warrant (the policy&apos;s rule)</source>
        <extracomment>the only processes a request can be complied with under (the policy&apos;s court-order rule) content data, as transparency reports count it (the rest is non-content: who, when, how long) why a request was rejected -&gt; label (&quot;other&quot; needs a note)</extracomment>
        <translation>没有法院命令或搜查令（隐私政策的规则）</translation>
    </message>
    <message>
        <source>The court order could not be verified</source>
        <translation>无法核实该法院命令</translation>
    </message>
    <message>
        <source>The request is overbroad or the order does not cover it</source>
        <translation>请求范围过宽，或命令未涵盖该请求</translation>
    </message>
    <message>
        <source>We hold no such data</source>
        <translation>我们未持有此类数据</translation>
    </message>
    <message>
        <source>Not through a court with jurisdiction over us</source>
        <translation>未经对我们有管辖权的法院</translation>
    </message>
    <message>
        <source>Another reason (see the note)</source>
        <translation>其他原因（见备注）</translation>
    </message>
    <message>
        <source>Phone call</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>信函</translation>
    </message>
    <message>
        <source>Support ticket</source>
        <translation>支持工单</translation>
    </message>
    <message>
        <source>In person</source>
        <translation>当面告知</translation>
    </message>
    <message>
        <source>The court-order rule (no data without a court order or a warrant that an operator has checked)</source>
        <extracomment>decision states a gag order without an end date is listed for review this often a notice is overdue this many days after it fell due (the receipt, or the end of the gag) how the rule is named in messages</extracomment>
        <translation>法院命令规则（没有经操作员核实的法院命令或搜查令，不提供任何数据）</translation>
    </message>
    <message>
        <source>The {field} contains a control character ({found}).</source>
        <extracomment>&quot;notified&quot;, &quot;gagged&quot; (held back by a gag order in force), &quot;gag_review&quot; (gag without end date, review overdue), &quot;due&quot; (must be sent), &quot;overdue&quot; (due for more than NOTICE_GRACE_DAYS) the worst notice state of its accounts: &quot;overdue&quot; &gt; &quot;due&quot; &gt; &quot;gag_review&quot; &gt; &quot;gagged&quot; &gt; &quot;notified&quot; the categories complied with: as proposed (``proposed``), as disclosed (``complied``); else () for a rejected request: the code (a key of REJECTION_REASONS) and the operator&apos;s note the worst notice state of its accounts (as ``RequestSummary.notice_state``) one per account: the export ZIP written and its disclosure record ``SEQ:HASH``: the audit head read after the counts, so every request counted was recorded (with its audit event) at or before it; None for an empty log field limits (the columns&apos; sizes) a document read at intake may be at most this big (they are letters and orders, not data)
----------
characters that reorder text on screen (a &quot;RLO&quot; can make ``gpj.exe`` look like ``exe.jpg``)</extracomment>
        <translation>{field}含有控制字符（{found}）。</translation>
    </message>
    <message>
        <source>Remove tabs, line breaks and other invisible characters from the {field}.</source>
        <translation>请删除{field}中的制表符、换行符和其他不可见字符。</translation>
    </message>
    <message>
        <source>The {field} cannot be empty.</source>
        <translation>{field}不能为空。</translation>
    </message>
    <message>
        <source>The {field} is too long ({value:,} characters).</source>
        <translation>{field}过长（{value:,} 个字符）。</translation>
    </message>
    <message>
        <source>Give at most {limit} characters.</source>
        <translation>最多 {limit} 个字符。</translation>
    </message>
    <message>
        <source>The country {value!r} is not a two-letter ISO 3166-1 code.</source>
        <extracomment>ISO 3166-1 alpha-2: the 249 officially assigned country codes. From the ISO 3166 Maintenance Agency&apos;s list as Debian&apos;s iso-codes 4.15.0 (2023-04-27) ships it (/usr/share/iso-codes/json/ iso_3166-1.json); the set has not changed since SS (South Sudan) was added in August 2011 (later changes were of names: SZ Eswatini 2018, MK North Macedonia 2019). Reserved codes (UK, EU, EL...) and user-assigned ones (XK...) are not countries here. reserved codes people reach for, and the country&apos;s assigned code</extracomment>
        <translation>国家 {value!r} 不是两个字母的 ISO 3166-1 代码。</translation>
    </message>
    <message>
        <source>Give the agency&apos;s country as its ISO 3166-1 alpha-2 code, e.g. US, DE, GB, FR.</source>
        <translation>请以 ISO 3166-1 alpha-2 代码给出该机构所在的国家，例如 US、DE、GB、FR。</translation>
    </message>
    <message>
        <source>{code} is reserved, not assigned to a country: the code is {COUNTRY_MISTAKES}.</source>
        <translation>{code} 是保留代码，未分配给任何国家：正确代码是 {COUNTRY_MISTAKES}。</translation>
    </message>
    <message>
        <source>{code} is not an ISO 3166-1 country code.</source>
        <translation>{code} 不是 ISO 3166-1 国家代码。</translation>
    </message>
    <message>
        <source>Remove invisible characters from the {field}; line breaks are fine.</source>
        <translation>请删除{field}中的不可见字符；换行符可以保留。</translation>
    </message>
    <message>
        <source>Give at most {maximum:,} characters.</source>
        <translation>最多 {maximum:,} 个字符。</translation>
    </message>
    <message>
        <source>The {what} needs at least one data category.</source>
        <translation>{what}至少需要一个数据类别。</translation>
    </message>
    <message>
        <source>Unknown data categor{value} in the {what}: {value2}.</source>
        <translation>{what}中有未知的数据类别：{value2}。</translation>
    </message>
    <message>
        <source>Unknown legal process {value!r}.</source>
        <translation>未知的法律程序 {value!r}。</translation>
    </message>
    <message>
        <source>{value!r} is not an account number.</source>
        <translation>{value!r} 不是账户编号。</translation>
    </message>
    <message>
        <source>A request names at least one account.</source>
        <translation>请求至少要指明一个账户。</translation>
    </message>
    <message>
        <source>Give the account numbers the request is about.</source>
        <translation>请给出该请求涉及的账户编号。</translation>
    </message>
    <message>
        <source>Check the account numbers in the Accounts tab.</source>
        <translation>请在“账户”标签页中核对账户编号。</translation>
    </message>
    <message>
        <source>The document was not read: {message}</source>
        <translation>未读取该文件：{message}</translation>
    </message>
    <message>
        <source>Check the file&apos;s name; nothing was recorded.</source>
        <translation>请检查文件名；未记录任何内容。</translation>
    </message>
    <message>
        <source>Cannot keep the document {filename} in the file store: {value}.</source>
        <translation>无法将文件 {filename} 保存到文件存储中：{value}。</translation>
    </message>
    <message>
        <source>Check that the file store&apos;s folder is writable; nothing was recorded.</source>
        <translation>请检查文件存储的文件夹是否可写；未记录任何内容。</translation>
    </message>
    <message>
        <source>There is no law-enforcement request {request_id}.</source>
        <translation>没有执法请求 {request_id}。</translation>
    </message>
    <message>
        <source>See: minisip-console legal list.</source>
        <translation>参见：minisip-console legal list。</translation>
    </message>
    <message>
        <source>record a law-enforcement request</source>
        <extracomment>every action on the register -&gt; the least role and the words of its refusal (None: anyone who can open the register). ``refusal`` answers for the window&apos;s buttons and the commands; each write function enforces the same answer (the role first, then the request as locked).</extracomment>
        <translation>记录执法请求</translation>
    </message>
    <message>
        <source>add a document to a law-enforcement request</source>
        <translation>为执法请求添加文件</translation>
    </message>
    <message>
        <source>record a court order check</source>
        <translation>记录法院命令核实</translation>
    </message>
    <message>
        <source>propose compliance with a law-enforcement request</source>
        <translation>提议配合执法请求</translation>
    </message>
    <message>
        <source>approve compliance with a law-enforcement request</source>
        <translation>批准配合执法请求</translation>
    </message>
    <message>
        <source>reject a law-enforcement request</source>
        <translation>拒绝执法请求</translation>
    </message>
    <message>
        <source>notify customers of a law-enforcement request</source>
        <translation>就执法请求通知客户</translation>
    </message>
    <message>
        <source>record a gag order</source>
        <translation>记录禁止披露令</translation>
    </message>
    <message>
        <source>review a gag order</source>
        <translation>复核禁止披露令</translation>
    </message>
    <message>
        <source>record a disclosure</source>
        <translation>记录披露</translation>
    </message>
    <message>
        <source>{COURT_ORDER_RULE}: request {n} is a {value}, not a court order or a search warrant, so it can only be rejected.</source>
        <extracomment>the actions that need a request (the others answer for the register as a whole)</extracomment>
        <translation>{COURT_ORDER_RULE}：请求 {n} 是 {value}，不是法院命令或搜查令，因此只能拒绝。</translation>
    </message>
    <message>
        <source>Compliance with request {n} was already proposed by {proposed_by}; it now needs a second operator&apos;s approval.</source>
        <translation>{proposed_by} 已提议配合请求 {n}；现在需要第二名操作员批准。</translation>
    </message>
    <message>
        <source>Request {n} is already {decision}: it can no longer be complied with.</source>
        <translation>请求 {n} 已 {decision}：不能再予以配合。</translation>
    </message>
    <message>
        <source>{COURT_ORDER_RULE}: no operator has recorded that the court order of request {n} was checked; check the order and record the check first.</source>
        <translation>{COURT_ORDER_RULE}：尚无操作员记录已核实请求 {n} 的法院命令；请先核实该命令并记录。</translation>
    </message>
    <message>
        <source>{COURT_ORDER_RULE}: request {n} is a {value}; only a court order or a search warrant can be checked as one.</source>
        <translation>{COURT_ORDER_RULE}：请求 {n} 是 {value}；只有法院命令或搜查令才能作为其核实。</translation>
    </message>
    <message>
        <source>Reject the request instead.</source>
        <translation>请改为拒绝该请求。</translation>
    </message>
    <message>
        <source>Request {n} is {decision}: its court order can no longer be checked.</source>
        <translation>请求 {n} 已 {decision}：不能再核实其法院命令。</translation>
    </message>
    <message>
        <source>{court_order_checked_by} recorded the court order of request {n} as checked on {value:%Y-%m-%d %H:%M} UTC.</source>
        <translation>{court_order_checked_by} 已于 {value:%Y-%m-%d %H:%M} UTC 记录请求 {n} 的法院命令已核实。</translation>
    </message>
    <message>
        <source>Request {n} is {decision}: only a proposed compliance can be approved.</source>
        <translation>请求 {n} 处于 {decision} 状态：只有已提议的配合可以批准。</translation>
    </message>
    <message>
        <source>An operator proposes compliance first.</source>
        <translation>须先由操作员提议配合。</translation>
    </message>
    <message>
        <source>Four eyes: {login} proposed compliance with request {n} and cannot also approve it.</source>
        <translation>四眼原则：{login} 提议了配合请求 {n}，不能同时批准它。</translation>
    </message>
    <message>
        <source>Another approver must approve it.</source>
        <translation>须由另一名审批人批准。</translation>
    </message>
    <message>
        <source>{COURT_ORDER_RULE}: request {n} cannot be complied with.</source>
        <translation>{COURT_ORDER_RULE}：不能配合请求 {n}。</translation>
    </message>
    <message>
        <source>Request {n} is {decision}: it can no longer be rejected.</source>
        <translation>请求 {n} 已 {decision}：不能再拒绝。</translation>
    </message>
    <message>
        <source>until {day:%Y-%m-%d}</source>
        <translation>在 {day:%Y-%m-%d} 之前</translation>
    </message>
    <message>
        <source>without an end date (reviewed every 90 days)</source>
        <translation>无结束日期（每 90 天复核一次）</translation>
    </message>
    <message>
        <source>A nondisclosure (gag) order on request {n} is in force {until}: its customers cannot be told yet.</source>
        <translation>请求 {n} 的禁止披露令{until}有效：尚不能告知其客户。</translation>
    </message>
    <message>
        <source>The notice falls due the day after the gag order ends.</source>
        <translation>通知在禁止披露令结束后的第二天到期。</translation>
    </message>
    <message>
        <source>Every customer named in request {n} has been told.</source>
        <translation>请求 {n} 中指明的每位客户都已被告知。</translation>
    </message>
    <message>
        <source>Request {n} has no gag order without an end date to review.</source>
        <translation>请求 {n} 没有需要复核的无结束日期的禁止披露令。</translation>
    </message>
    <message>
        <source>The gag order of request {n} ends on {gag_until:%Y-%m-%d}: only one without an end date is reviewed.</source>
        <translation>请求 {n} 的禁止披露令于 {gag_until:%Y-%m-%d} 结束：只复核没有结束日期的禁止披露令。</translation>
    </message>
    <message>
        <source>The time of receipt needs a time zone.</source>
        <translation>接收时间需要时区。</translation>
    </message>
    <message>
        <source>The date of receipt is missing.</source>
        <translation>缺少接收日期。</translation>
    </message>
    <message>
        <source>Give the date the request arrived, e.g. 2026-05-04.</source>
        <translation>请给出请求到达的日期，例如 2026-05-04。</translation>
    </message>
    <message>
        <source>The date of receipt {value:%Y-%m-%d} is in the future.</source>
        <translation>接收日期 {value:%Y-%m-%d} 在未来。</translation>
    </message>
    <message>
        <source>Give the date the request arrived.</source>
        <translation>请给出请求到达的日期。</translation>
    </message>
    <message>
        <source>A gag order&apos;s end date is given but no gag order is recorded.</source>
        <translation>给出了禁止披露令的结束日期，但未记录禁止披露令。</translation>
    </message>
    <message>
        <source>Tick the nondisclosure (gag) order, or leave its end date empty.</source>
        <translation>请勾选禁止披露令，或将其结束日期留空。</translation>
    </message>
    <message>
        <source>The gag order&apos;s end date must be a date.</source>
        <translation>禁止披露令的结束日期必须是日期。</translation>
    </message>
    <message>
        <source>The gag order ends ({gag_until:%Y-%m-%d}) before the request was received ({value:%Y-%m-%d}).</source>
        <translation>禁止披露令的结束日期（{gag_until:%Y-%m-%d}）早于请求的接收日期（{value:%Y-%m-%d}）。</translation>
    </message>
    <message>
        <source>A hold lasts 1 to 3660 days, not {hold_days!r}.</source>
        <translation>法律保留的期限为 1 至 3660 天，而不是 {hold_days!r}。</translation>
    </message>
    <message>
        <source>The request must be a JSON object with the intake&apos;s fields.</source>
        <translation>请求必须是包含登记字段的 JSON 对象。</translation>
    </message>
    <message>
        <source>Unknown field{value} {value2}.</source>
        <translation>未知字段 {value2}。</translation>
    </message>
    <message>
        <source>The {name} {value!r} is not a date (YYYY-MM-DD).</source>
        <translation>{name} {value!r} 不是日期（YYYY-MM-DD）。</translation>
    </message>
    <message>
        <source>The {name} must be a list.</source>
        <translation>{name} 必须是列表。</translation>
    </message>
    <message>
        <source>The gag_order must be true or false.</source>
        <translation>gag_order 必须是 true 或 false。</translation>
    </message>
    <message>
        <source>Missing field{value} {value2}.</source>
        <translation>缺少字段 {value2}。</translation>
    </message>
    <message>
        <source>The date of receipt (received_on) is missing.</source>
        <translation>缺少接收日期（received_on）。</translation>
    </message>
    <message>
        <source>Unknown rejection reason {value!r}.</source>
        <translation>未知的拒绝原因 {value!r}。</translation>
    </message>
    <message>
        <source>Request {id} rejected ({code})</source>
        <translation>请求 {id} 已拒绝（{code}）</translation>
    </message>
    <message>
        <source>Request {request_id} did not seek {value}.</source>
        <translation>请求 {request_id} 未要求 {value}。</translation>
    </message>
    <message>
        <source>Hand over at most what was sought: {value}.</source>
        <translation>最多只提供所要求的内容：{value}。</translation>
    </message>
    <message>
        <source>A full compliance hands over every category sought.</source>
        <translation>完全配合会提供所要求的每个类别。</translation>
    </message>
    <message>
        <source>Choose the partial scope to hand over only some of them.</source>
        <translation>选择部分范围以只提供其中一部分。</translation>
    </message>
    <message>
        <source>A partial compliance that hands over every category sought needs a note saying what is left out.</source>
        <translation>提供了所要求的全部类别的部分配合，需要附说明指出省略了什么。</translation>
    </message>
    <message>
        <source>Choose the folder the exports are written to.</source>
        <translation>请选择导出文件写入的文件夹。</translation>
    </message>
    <message>
        <source>Request {request_id} was {decision} by {decided_by} meanwhile; nothing was recorded.</source>
        <translation>请求 {request_id} 在此期间已被 {decided_by} {decision}；未记录任何内容。</translation>
    </message>
    <message>
        <source>The gag order ends ({until:%Y-%m-%d}) before the request was received ({row:%Y-%m-%d}).</source>
        <translation>禁止披露令的结束日期（{until:%Y-%m-%d}）早于请求的接收日期（{row:%Y-%m-%d}）。</translation>
    </message>
    <message>
        <source>Notify by email (SMTP settings) or record a notice given by hand, one of the two.</source>
        <extracomment>the notice&apos;s values in Chinese (``notice_values``): the process, the data categories, the decision</extracomment>
        <translation>通过电子邮件通知（SMTP 设置）或记录人工发出的通知，二者选一。</translation>
    </message>
    <message>
        <source>A notice given by hand needs its channel and its date.</source>
        <translation>人工发出的通知需要注明其渠道和日期。</translation>
    </message>
    <message>
        <source>Unknown notice channel {value!r}.</source>
        <translation>未知的通知渠道 {value!r}。</translation>
    </message>
    <message>
        <source>The date the customer was told must be a date.</source>
        <translation>告知客户的日期必须是日期。</translation>
    </message>
    <message>
        <source>The date the customer was told ({day:%Y-%m-%d}) is in the future.</source>
        <translation>告知客户的日期（{day:%Y-%m-%d}）在未来。</translation>
    </message>
    <message>
        <source>Sending the notice by email needs the SMTP settings.</source>
        <translation>通过电子邮件发送通知需要 SMTP 设置。</translation>
    </message>
    <message>
        <source>Save the SMTP settings first.</source>
        <translation>请先保存 SMTP 设置。</translation>
    </message>
    <message>
        <source>Request {request_id} does not name account {value}.</source>
        <translation>请求 {request_id} 未指明账户 {value}。</translation>
    </message>
    <message>
        <source>The date the customer was told ({day:%Y-%m-%d}) is before the request was received ({row:%Y-%m-%d}).</source>
        <translation>告知客户的日期（{day:%Y-%m-%d}）早于请求的接收日期（{row:%Y-%m-%d}）。</translation>
    </message>
    <message>
        <source>The date the customer was told ({day:%Y-%m-%d}) falls within the gag order, which ended on {gag_until:%Y-%m-%d}.</source>
        <translation>告知客户的日期（{day:%Y-%m-%d}）处于禁止披露令有效期内，该令于 {gag_until:%Y-%m-%d} 结束。</translation>
    </message>
    <message>
        <source>Give the date the customer was actually told.</source>
        <translation>请给出实际告知客户的日期。</translation>
    </message>
    <message>
        <source>the account no longer exists</source>
        <translation>该账户已不存在</translation>
    </message>
    <message>
        <source>Not every customer of request {request_id} could be told by email: {problems}. Their notices stay due.</source>
        <translation>并非请求 {request_id} 的每位客户都能通过电子邮件告知：{problems}。他们的通知仍待发出。</translation>
    </message>
    <message>
        <source>{count} other notice was sent. Correct the address, or record a notice given by hand.</source>
        <translation>其他 {count} 份通知已发送。请更正地址，或记录人工发出的通知。</translation>
    </message>
    <message>
        <source>{count} other notices were sent. Correct the address, or record a notice given by hand.</source>
        <translation>其他 {count} 份通知已发送。请更正地址，或记录人工发出的通知。</translation>
    </message>
    <message>
        <source>A disclosure needs a legal basis; {value!r} is not one.</source>
        <translation>披露需要法律依据；{value!r} 不是法律依据。</translation>
    </message>
    <message>
        <source>The disclosure&apos;s date {at:%Y-%m-%d %H:%M} is in the future.</source>
        <translation>披露日期 {at:%Y-%m-%d %H:%M} 在未来。</translation>
    </message>
    <message>
        <source>The report&apos;s start ({date_from:%Y-%m-%d}) is after its end ({date_to:%Y-%m-%d}).</source>
        <translation>报告的开始日期（{date_from:%Y-%m-%d}）晚于结束日期（{date_to:%Y-%m-%d}）。</translation>
    </message>
    <message>
        <source>Cannot write a report as {value}.</source>
        <translation>无法将报告写为 {value}。</translation>
    </message>
    <message>
        <source>Use a .csv or .json file name.</source>
        <translation>请使用 .csv 或 .json 文件名。</translation>
    </message>
    <message>
        <source>{value} is not {what} ({minimum} or more).</source>
        <extracomment>PostgreSQL&apos;s ``integer``: the id columns (see the module docstring) SQLite&apos;s INTEGER and PostgreSQL&apos;s ``bigint`` ASCII digits only (Python&apos;s ``int`` also takes &quot;١٢&quot;, &quot;1_0&quot;, &quot;+5&quot; and surrounding space) more digits than any limit here has: ``int`` is not asked to convert a 10,000-digit string</extracomment>
        <translation>{value} 不是{what}（须为 {minimum} 或更大）。</translation>
    </message>
    <message>
        <source>must be {minimum} or more, not {value}</source>
        <translation>须为 {minimum} 或更大，而不是 {value}</translation>
    </message>
    <message>
        <source>{value} is not {what} (it is not a whole number).</source>
        <translation>{value} 不是{what}（不是整数）。</translation>
    </message>
    <message>
        <source>{value} is not a whole number</source>
        <translation>{value} 不是整数</translation>
    </message>
    <message>
        <source>{value} is too large for {what} (at most {maximum:,}).</source>
        <translation>{value} 作为{what}太大（最大 {maximum:,}）。</translation>
    </message>
    <message>
        <source>must be at most {maximum:,}, not {value}</source>
        <translation>最大为 {maximum:,}，而不是 {value}</translation>
    </message>
    <message>
        <source>{error} Give a whole number such as {example}.</source>
        <translation>{error}请给出整数，例如 {example}。</translation>
    </message>
    <message>
        <source>{what} {value} is out of range.</source>
        <translation>{what} {value} 超出范围。</translation>
    </message>
    <message>
        <source>Give a date from {value} to {value2}.</source>
        <translation>请给出 {value} 至 {value2} 之间的日期。</translation>
    </message>
    <message>
        <source>A marketing decision is yes or no.</source>
        <translation>营销决定只能是是或否。</translation>
    </message>
    <message>
        <source>Separation of duties is enforced by the database: you act as your own database login.</source>
        <extracomment>names the operator on the embedded demo database only (a presenter switching roles) the ``console_settings`` key that marks the demo database a login as PostgreSQL accepts it unquoted: lower-case letters, digits, _ and $, at most 63 characters, not starting with a digit or $ (the console refuses anything that would need quotes)</extracomment>
        <translation>职责分离由数据库强制执行：您以自己的数据库登录名进行操作。</translation>
    </message>
    <message>
        <source>Single-user file: the file is the trust boundary and separation of duties is not enforced (anyone who can write the file can act as anyone).</source>
        <translation>单用户文件：文件即信任边界，职责分离不强制执行（任何能写入该文件的人都可以冒充任何人）。</translation>
    </message>
    <message>
        <source>Demo database: operators can be switched and nothing here is evidence; separation of duties is not enforced.</source>
        <translation>演示数据库：可以切换操作员，此处的一切都不能作为证据；职责分离不强制执行。</translation>
    </message>
    <message>
        <source>{name} ({role})</source>
        <translation>{name}（{role}）</translation>
    </message>
    <message>
        <source>{login} (not registered: read-only)</source>
        <translation>{login}（未登记：只读）</translation>
    </message>
    <message>
        <source>The database login {login!r}</source>
        <translation>数据库登录名 {login!r}</translation>
    </message>
    <message>
        <source>Your OS login {login!r}</source>
        <translation>您的操作系统登录名 {login!r}</translation>
    </message>
    <message>
        <source>is a disabled operator</source>
        <translation>是已停用的操作员</translation>
    </message>
    <message>
        <source>is not a registered operator</source>
        <translation>不是已登记的操作员</translation>
    </message>
    <message>
        <source>Ask an admin to run: minisip-console operators add {login} --role ROLE --name NAME {selector}</source>
        <translation>请管理员运行：minisip-console operators add {login} --role ROLE --name NAME {selector}</translation>
    </message>
    <message>
        <source>Ask an admin to enable it again (operators set-role).</source>
        <translation>请管理员重新启用它（operators set-role）。</translation>
    </message>
    <message>
        <source>This database has no admin yet: its schema owner names the first one with minisip-console operators add LOGIN --role admin --name NAME (connected as the schema owner).</source>
        <translation>此数据库还没有管理员：由其 schema 所有者（以 schema 所有者身份连接）使用 minisip-console operators add LOGIN --role admin --name NAME 指定第一名管理员。</translation>
    </message>
    <message>
        <source>This file has no admin yet: name yourself with minisip-console operators add {login} --role admin --name NAME {selector}</source>
        <translation>此文件还没有管理员：使用 minisip-console operators add {login} --role admin --name NAME {selector} 指定您自己</translation>
    </message>
    <message>
        <source>{who} {state} of {where}: the console opens nothing for it.</source>
        <translation>{who} {state} {where}：控制台不会为此打开任何内容。</translation>
    </message>
    <message>
        <source>A login is required.</source>
        <extracomment>PostgreSQL: whether a login role of that name exists and may log in (None on SQLite) the longest display name kept</extracomment>
        <translation>需要登录名。</translation>
    </message>
    <message>
        <source>Give the operator&apos;s login, e.g. jsmith.</source>
        <translation>请给出操作员的登录名，例如 jsmith。</translation>
    </message>
    <message>
        <source>{login!r} is not a valid login name for PostgreSQL.</source>
        <translation>{login!r} 不是有效的 PostgreSQL 登录名。</translation>
    </message>
    <message>
        <source>Use 1 to 63 lower-case letters, digits, _ and $, starting with a letter or _ (e.g. jsmith).</source>
        <translation>请使用 1 至 63 个小写字母、数字、_ 和 $，以字母或 _ 开头（例如 jsmith）。</translation>
    </message>
    <message>
        <source>{login!r} is not a login name.</source>
        <translation>{login!r} 不是登录名。</translation>
    </message>
    <message>
        <source>Give the OS login of the operator (at most 100 characters).</source>
        <translation>请给出操作员的操作系统登录名（最多 100 个字符）。</translation>
    </message>
    <message>
        <source>Unknown role {value!r}.</source>
        <translation>未知的角色 {value!r}。</translation>
    </message>
    <message>
        <source>A name is required.</source>
        <translation>需要姓名。</translation>
    </message>
    <message>
        <source>Give the operator&apos;s full name, as it appears in the audit log&apos;s views.</source>
        <translation>请给出操作员的全名，与审计日志视图中显示的一致。</translation>
    </message>
    <message>
        <source>The name is {name} characters long; at most {NAME_MAX} are kept.</source>
        <translation>姓名长 {name} 个字符；最多保留 {NAME_MAX} 个。</translation>
    </message>
    <message>
        <source>Managing operators needs the admin role; you are {operator}.</source>
        <translation>管理操作员需要管理员角色；您是 {operator}。</translation>
    </message>
    <message>
        <source>{label} cannot {action}: that needs the admin role.</source>
        <translation>{label} 无法{action}：这需要管理员角色。</translation>
    </message>
    <message>
        <source>This database has no admin yet: the first operator named must be an admin.</source>
        <translation>此数据库还没有管理员：指定的第一名操作员必须是管理员。</translation>
    </message>
    <message>
        <source>Run: minisip-console operators add LOGIN --role admin --name NAME</source>
        <translation>运行：minisip-console operators add LOGIN --role admin --name NAME</translation>
    </message>
    <message>
        <source>This database has no admin yet: only its schema owner can name the first one.</source>
        <translation>此数据库还没有管理员：只有其 schema 所有者可以指定第一名管理员。</translation>
    </message>
    <message>
        <source>Connect as the schema owner and run: minisip-console operators add LOGIN --role admin --name NAME</source>
        <translation>以 schema 所有者身份连接并运行：minisip-console operators add LOGIN --role admin --name NAME</translation>
    </message>
    <message>
        <source>The database refused: {said}.</source>
        <translation>数据库拒绝了：{said}。</translation>
    </message>
    <message>
        <source>A password is only set for a PostgreSQL login.</source>
        <translation>只有 PostgreSQL 登录名才能设置密码。</translation>
    </message>
    <message>
        <source>On an SQLite file the operator is the OS login.</source>
        <translation>在 SQLite 文件上，操作员即操作系统登录名。</translation>
    </message>
    <message>
        <source>The password is empty.</source>
        <translation>密码为空。</translation>
    </message>
    <message>
        <source>{login} is already {state} ({role}).</source>
        <translation>{login} 已经是{state}（{role}）。</translation>
    </message>
    <message>
        <source>Change their role with: minisip-console operators set-role LOGIN ROLE</source>
        <translation>使用以下命令更改其角色：minisip-console operators set-role LOGIN ROLE</translation>
    </message>
    <message>
        <source>{login} is not an operator.</source>
        <translation>{login} 不是操作员。</translation>
    </message>
    <message>
        <source>Add them with: minisip-console operators add</source>
        <translation>使用以下命令添加：minisip-console operators add</translation>
    </message>
    <message>
        <source>{login} already has the {value} role.</source>
        <translation>{login} 已经拥有 {value} 角色。</translation>
    </message>
    <message>
        <source>{login} is the last admin: the database would be left without one.</source>
        <translation>{login} 是最后一名管理员：数据库将没有管理员。</translation>
    </message>
    <message>
        <source>Make another operator an admin first.</source>
        <translation>请先让另一名操作员成为管理员。</translation>
    </message>
    <message>
        <source>You cannot disable yourself.</source>
        <translation>您不能停用自己。</translation>
    </message>
    <message>
        <source>Another admin can.</source>
        <translation>另一名管理员可以。</translation>
    </message>
    <message>
        <source>{login} is already disabled.</source>
        <translation>{login} 已被停用。</translation>
    </message>
    <message>
        <source>This database has no minisip-console schema yet.</source>
        <extracomment>raised when the layer changes; ``ensure_installed`` refuses an older one the SQLSTATE of every refusal raised here (insufficient_privilege) service columns no group role may read: they are read through the functions and views below service tables an account&apos;s data is opened in (``minisip_p_&lt;table&gt;`` views) what each role may write, beyond SELECT (the lowest role that needs it; higher roles inherit) the functions a group role may call: the console&apos;s entry points, what the masked views use and what the (invoker&apos;s) audit trigger calls; every other ``minisip_*`` function runs inside these &quot;who&quot; columns: set or changed by an operator&apos;s login, they must name that login; a column marked ``!`` (who filed, proposed, recorded) never changes once set accounts&apos; masked fields, stored as generated columns (``install`` adds them; see ``_masked_columns``) pg_partman is installed in this database: its schema (None: it is not) what a superuser must run first so the console&apos;s roles can use pg_partman (empty: nothing)</extracomment>
        <translation>此数据库还没有 minisip-console 的 schema。</translation>
    </message>
    <message>
        <source>Run: minisip-console db upgrade (as the schema owner).</source>
        <translation>运行：minisip-console db upgrade（以 schema 所有者身份）。</translation>
    </message>
    <message>
        <source>The roles and privileges of this database are installed by its schema owner, {owner}; you are {me}.</source>
        <translation>此数据库的角色和权限由其 schema 所有者 {owner} 安装；您是 {me}。</translation>
    </message>
    <message>
        <source>Connect as {owner} (a profile whose URL names {owner}@...) and run: minisip-console db roles.</source>
        <translation>以 {owner} 身份连接（使用 URL 中为 {owner}@... 的配置）并运行：minisip-console db roles。</translation>
    </message>
    <message>
        <source>{me} may not {what}: the schema owner needs the CREATEROLE attribute.</source>
        <translation>{me} 不能{what}：schema 所有者需要 CREATEROLE 属性。</translation>
    </message>
    <message>
        <source>A superuser runs once: ALTER ROLE {me} CREATEROLE;  then: minisip-console db roles</source>
        <translation>由超级用户运行一次：ALTER ROLE {me} CREATEROLE;  然后运行：minisip-console db roles</translation>
    </message>
    <message>
        <source>This database {what}; the console does not open it until its schema owner installs them.</source>
        <translation>此数据库{what}；在其 schema 所有者安装之前，控制台不会打开它。</translation>
    </message>
    <message>
        <source>The schema owner runs: minisip-console db roles {selector}</source>
        <translation>schema 所有者运行：minisip-console db roles {selector}</translation>
    </message>
    <message>
        <source>demo database ({path})</source>
        <translation>演示数据库（{path}）</translation>
    </message>
    <message>
        <source>Give either --database or --profile, not both.</source>
        <translation>请给出 --database 或 --profile 之一，不要同时给出。</translation>
    </message>
    <message>
        <source>No database chosen.</source>
        <translation>未选择数据库。</translation>
    </message>
    <message>
        <source>Use --database URL or --profile NAME (see: minisip-console profile list).</source>
        <translation>请使用 --database URL 或 --profile NAME（参见：minisip-console profile list）。</translation>
    </message>
    <message>
        <source>The database login {username!r} is not an operator of {label}: it has no console role.</source>
        <extracomment>who vouches for the operator&apos;s identity: the database, a single-user file, or the demo</extracomment>
        <translation>数据库登录名 {username!r} 不是 {label} 的操作员：它没有控制台角色。</translation>
    </message>
    <message>
        <source>Ask an admin to run: minisip-console operators add {username} --role ROLE --name NAME</source>
        <translation>请管理员运行：minisip-console operators add {username} --role ROLE --name NAME</translation>
    </message>
    <message>
        <source>--operator needs a name.</source>
        <translation>--operator 需要一个名称。</translation>
    </message>
    <message>
        <source>--operator is accepted only on the demo database.</source>
        <translation>--operator 只能用于演示数据库。</translation>
    </message>
    <message>
        <source>Elsewhere you act as yourself: your database login on PostgreSQL, your OS login on an SQLite file.</source>
        <translation>在其他情况下，您以自己的身份操作：在 PostgreSQL 上是您的数据库登录名，在 SQLite 文件上是您的操作系统登录名。</translation>
    </message>
    <message>
        <source>Remove it from the URL and save a profile: its password goes to the OS keyring (minisip-console profile add NAME --url URL --password-stdin, or the connect dialog).</source>
        <extracomment>the newest migration; a test checks it against the migrations folder. Opening a database compares its ``alembic_version`` with this constant, so the common case (at head) does not import Alembic (about 0.35 s of start-up). MariaDB and MySQL (one SQLAlchemy dialect each, the same driver): a retention target may live there (issue 17), never the console&apos;s own database where a saved retention target may live (``core.targets``): the console&apos;s databases and MariaDB/MySQL libpq connection parameters refused in a URL&apos;s query, in any spelling (any case, percent-encoded, with ``_`` or ``-``). SQLAlchemy masks only the password between ``user:`` and ``@``: anything in the query is kept in profiles.json and printed by ``profile list``, in labels, hints and the log. Refused because they carry a secret: ``password``, ``sslpassword`` (the passphrase of the client key) and ``oauth_client_secret``; and because they point a secret somewhere else: ``passfile`` (a file of plain-text passwords, read instead of the password the console keeps in the OS keyring) and ``sslkeylogfile`` (libpq writes the TLS session keys there: whoever reads the file decrypts the connection, the password exchange included). Accepted: ``sslkey``, ``sslcert``, ``sslrootcert``, ``sslcrl`` and ``sslcrldir`` name files, and a path is not a secret: the key file is protected by its permissions (libpq refuses a key that others can read) and client-certificate login needs it. ``service`` and ``servicefile`` name libpq&apos;s own configuration, which like ``~/.pgpass`` is the administrator&apos;s and is read by libpq whatever the URL says. Any other parameter whose name contains &quot;password&quot;, &quot;passwd&quot;, &quot;pwd&quot; or &quot;secret&quot; is refused too: whatever it is, the value would be shown in clear. PyMySQL&apos;s ``read_default_file`` (a MySQL option file, which may hold ``password=``) is MySQL&apos;s passfile.</extracomment>
        <translation>请将其从 URL 中删除并保存一个配置：密码将存入操作系统密钥环（minisip-console profile add NAME --url URL --password-stdin，或使用连接对话框）。</translation>
    </message>
    <message>
        <source>The database URL names a password file (passfile); the console keeps passwords in the OS keyring, not in files.</source>
        <extracomment>characters no URL needs (C0 and C1 controls, NUL included): SQLite would cut a path at a NUL</extracomment>
        <translation>数据库 URL 指定了密码文件（passfile）；控制台将密码保存在操作系统密钥环中，而不是文件中。</translation>
    </message>
    <message>
        <source>The database URL names a key log file (sslkeylogfile): libpq would write the keys that decrypt the connection to it.</source>
        <translation>数据库 URL 指定了密钥日志文件（sslkeylogfile）：libpq 会将可解密连接的密钥写入其中。</translation>
    </message>
    <message>
        <source>The database URL has a secret in its query ({found}); it would be kept and shown in plain text.</source>
        <translation>数据库 URL 的查询部分含有机密信息（{found}）；它会以明文保存和显示。</translation>
    </message>
    <message>
        <source>The URL contains a password; a stored profile keeps passwords only in the OS keyring.</source>
        <translation>URL 中含有密码；保存的配置只将密码保存在操作系统密钥环中。</translation>
    </message>
    <message>
        <source>Remove the password from the URL and use --password-stdin, or the connect dialog.</source>
        <translation>请从 URL 中删除密码，并使用 --password-stdin 或连接对话框。</translation>
    </message>
    <message>
        <source>The database URL is empty.</source>
        <translation>数据库 URL 为空。</translation>
    </message>
    <message>
        <source>Example: postgresql://user@host:5432/minisip</source>
        <translation>示例：postgresql://user@host:5432/minisip</translation>
    </message>
    <message>
        <source>The database URL contains a control character.</source>
        <translation>数据库 URL 含有控制字符。</translation>
    </message>
    <message>
        <source>Type the URL again, without tabs, line breaks or NUL.</source>
        <translation>请重新输入 URL，不要包含制表符、换行符或 NUL。</translation>
    </message>
    <message>
        <source>That is not a database URL.</source>
        <translation>这不是数据库 URL。</translation>
    </message>
    <message>
        <source>Use postgresql://user@host:5432/database or sqlite:///path/to/file.db.</source>
        <translation>请使用 postgresql://user@host:5432/database 或 sqlite:///path/to/file.db。</translation>
    </message>
    <message>
        <source>The port {port} is not a port number.</source>
        <translation>端口 {port} 不是端口号。</translation>
    </message>
    <message>
        <source>Give 1 to 65535; PostgreSQL&apos;s is 5432.</source>
        <translation>请给出 1 至 65535；PostgreSQL 的端口是 5432。</translation>
    </message>
    <message>
        <source>Unsupported database type {backend!r}.</source>
        <translation>不支持的数据库类型 {backend!r}。</translation>
    </message>
    <message>
        <source>minisip-console works with PostgreSQL (postgresql://) and SQLite (sqlite:///).</source>
        <translation>minisip-console 支持 PostgreSQL（postgresql://）和 SQLite（sqlite:///）。</translation>
    </message>
    <message>
        <source>The PostgreSQL URL names no host.</source>
        <translation>PostgreSQL URL 未指明主机。</translation>
    </message>
    <message>
        <source>Example: postgresql://user@db.example.com/minisip</source>
        <translation>示例：postgresql://user@db.example.com/minisip</translation>
    </message>
    <message>
        <source>The PostgreSQL URL names no database.</source>
        <translation>PostgreSQL URL 未指明数据库。</translation>
    </message>
    <message>
        <source>Add /DATABASE at the end of the URL.</source>
        <translation>请在 URL 末尾加上 /DATABASE。</translation>
    </message>
    <message>
        <source>The database URL names an option file (read_default_file); the console keeps passwords in the OS keyring, not in files.</source>
        <translation>数据库 URL 指定了选项文件（read_default_file）；控制台将密码保存在操作系统密钥环中，而不是文件中。</translation>
    </message>
    <message>
        <source>minisip-console works with PostgreSQL (postgresql://) and SQLite (sqlite:///). A table in MariaDB/MySQL can be a retention target: minisip-console retention target add NAME --url URL ...</source>
        <translation>minisip-console 支持 PostgreSQL（postgresql://）和 SQLite（sqlite:///）。MariaDB/MySQL 中的表可以作为保留目标：minisip-console retention target add NAME --url URL ...</translation>
    </message>
    <message>
        <source>The {kind} URL names no host.</source>
        <translation>{kind} URL 没有指定主机。</translation>
    </message>
    <message>
        <source>Example: mysql://asterisk@pbx.example.com:3306/asteriskcdrdb</source>
        <translation>示例：mysql://asterisk@pbx.example.com:3306/asteriskcdrdb</translation>
    </message>
    <message>
        <source>The {kind} URL names no database.</source>
        <translation>{kind} URL 没有指定数据库。</translation>
    </message>
    <message>
        <source>The SQLite URL names no file.</source>
        <translation>SQLite URL 未指明文件。</translation>
    </message>
    <message>
        <source>Use sqlite:///relative/path.db or sqlite:////absolute/path.db.</source>
        <translation>请使用 sqlite:///relative/path.db 或 sqlite:////absolute/path.db。</translation>
    </message>
    <message>
        <source>The folder for the SQLite database does not exist: {parent}</source>
        <extracomment>how long an SQLite connection waits for another writer&apos;s lock before &quot;database is locked&quot; an interactive session (the window) on PostgreSQL waits at most this long for another session&apos;s lock (a row another console holds FOR UPDATE, a table a purge locked), and lets no statement run longer than ``STATEMENT_TIMEOUT_MS``: a blocked write becomes a sentence, never a frozen window. The command line and the scheduler run without them (a purge may wait its turn).</extracomment>
        <translation>SQLite 数据库所在的文件夹不存在：{parent}</translation>
    </message>
    <message>
        <source>Create the folder or choose another path.</source>
        <translation>请创建该文件夹或选择其他路径。</translation>
    </message>
    <message>
        <source>No database driver for {drivername}: {exc}</source>
        <translation>没有 {drivername} 的数据库驱动：{exc}</translation>
    </message>
    <message>
        <source>The password is read from the OS keyring entry of profile {profile!r}: store the right one with {store}.</source>
        <extracomment>engines closed with ``dispose``: a connection a worker still held is closed when it comes back the URLs a profile&apos;s password was looked up for (``profiles.resolve_url`` notes them), by a digest of the URL with its password: the profile&apos;s name. A refused password&apos;s hint says where the password came from; a URL not noted here brought its own (``--database``, or typed in the connect dialog), or none, and libpq then looks in PGPASSWORD and ~/.pgpass. the same for saved retention targets (``core.targets``): digest -&gt; the target&apos;s name</extracomment>
        <translation>密码读取自配置 {profile!r} 在操作系统密钥环中的条目：请使用 {store} 保存正确的密码。</translation>
    </message>
    <message>
        <source>Profile {profile!r} has no password in the OS keyring: store it with {store}.</source>
        <translation>配置 {profile!r} 在操作系统密钥环中没有密码：请使用 {store} 保存。</translation>
    </message>
    <message>
        <source>The password is the one given with the URL (user:password@) or typed in the connect dialog; it is not read from the OS keyring.</source>
        <translation>密码来自 URL（user:password@）或在连接对话框中输入；它不是从操作系统密钥环读取的。</translation>
    </message>
    <message>
        <source>No password came with the URL, so libpq looked in PGPASSWORD and ~/.pgpass: check them, or save a profile whose password is kept in the OS keyring (minisip-console profile add NAME --url URL --password-stdin).</source>
        <translation>URL 中没有密码，因此 libpq 在 PGPASSWORD 和 ~/.pgpass 中查找：请检查它们，或保存一个将密码保存在操作系统密钥环中的配置（minisip-console profile add NAME --url URL --password-stdin）。</translation>
    </message>
    <message>
        <source>the server has no database named {db!r}.</source>
        <extracomment>a driver&apos;s message (lower case) -&gt; the sentence and what to do: the first entry with a needle whose every part is in the message wins; ``{db}``, ``{user}``, ``{said}`` (the driver&apos;s first line) and ``{busy}`` (SQLite&apos;s wait) are filled in</extracomment>
        <translation>服务器上没有名为 {db!r} 的数据库。</translation>
    </message>
    <message>
        <source>Check the database name, or create it (createdb) and run: minisip-console db upgrade.</source>
        <translation>请检查数据库名称，或创建它（createdb）并运行：minisip-console db upgrade。</translation>
    </message>
    <message>
        <source>the login {user!r} may not log in: it was disabled.</source>
        <translation>登录名 {user!r} 不能登录：它已被停用。</translation>
    </message>
    <message>
        <source>An admin enables it again (minisip-console operators set-role LOGIN ROLE).</source>
        <translation>由管理员重新启用它（minisip-console operators set-role LOGIN ROLE）。</translation>
    </message>
    <message>
        <source>the server has no user {user!r}.</source>
        <translation>服务器上没有用户 {user!r}。</translation>
    </message>
    <message>
        <source>Check the user name in the profile.</source>
        <translation>请检查配置中的用户名。</translation>
    </message>
    <message>
        <source>cannot reach the database server.</source>
        <translation>无法连接数据库服务器。</translation>
    </message>
    <message>
        <source>Check the host and port, that the server is running, and that your network allows the connection.</source>
        <translation>请检查主机和端口、服务器是否正在运行，以及您的网络是否允许该连接。</translation>
    </message>
    <message>
        <source>cannot open the file.</source>
        <translation>无法打开该文件。</translation>
    </message>
    <message>
        <source>Check the path and that you may read and write it.</source>
        <translation>请检查路径，以及您是否有读写权限。</translation>
    </message>
    <message>
        <source>database is locked: another program kept writing to it for more than {busy} s.</source>
        <translation>数据库已锁定：另一个程序持续写入超过 {busy} 秒。</translation>
    </message>
    <message>
        <source>Another console, a purge or a backup may be using the file; try again when it has finished.</source>
        <translation>另一个控制台、清除任务或备份可能正在使用该文件；请在其完成后重试。</translation>
    </message>
    <message>
        <source>another session holds a lock on the rows or the table this needs ({said}).</source>
        <translation>另一个会话锁定了此操作所需的行或表（{said}）。</translation>
    </message>
    <message>
        <source>Another console or a maintenance job is working on them; try again in a moment.</source>
        <translation>另一个控制台或维护任务正在处理它们；请稍后重试。</translation>
    </message>
    <message>
        <source>the database took too long to answer ({said}); the statement was stopped and nothing of it kept.</source>
        <translation>数据库响应时间过长（{said}）；该语句已被中止，未保留任何结果。</translation>
    </message>
    <message>
        <source>Try again when the database is less busy, or run the same work from the command line, which waits as long as it takes.</source>
        <translation>请在数据库不太繁忙时重试，或从命令行运行相同的工作，命令行会一直等待直到完成。</translation>
    </message>
    <message>
        <source>the database&apos;s disk is full ({said}).</source>
        <translation>数据库所在的磁盘已满（{said}）。</translation>
    </message>
    <message>
        <source>Free space where the database keeps its files; nothing of this change was kept.</source>
        <translation>请释放数据库文件所在位置的空间；此次更改未保留任何内容。</translation>
    </message>
    <message>
        <source>the database may only be read here ({said}).</source>
        <translation>此处的数据库只能读取（{said}）。</translation>
    </message>
    <message>
        <source>Check that you may write the file and its folder, or open a copy you may write.</source>
        <translation>请检查您是否有权写入该文件及其文件夹，或打开一个您有写入权限的副本。</translation>
    </message>
    <message>
        <source>this file is not an SQLite database.</source>
        <translation>此文件不是 SQLite 数据库。</translation>
    </message>
    <message>
        <source>Choose another file.</source>
        <translation>请选择其他文件。</translation>
    </message>
    <message>
        <source>the TLS connection failed ({said}).</source>
        <translation>TLS 连接失败（{said}）。</translation>
    </message>
    <message>
        <source>Check the TLS mode in the profile.</source>
        <translation>请检查配置中的 TLS 模式。</translation>
    </message>
    <message>
        <source>{where}: the database refused: {said}.</source>
        <translation>{where}：数据库拒绝了：{said}。</translation>
    </message>
    <message>
        <source>The database enforces who may do what; ask an admin if your role should allow it.</source>
        <translation>数据库规定谁可以做什么；如果您的角色应当允许此操作，请询问管理员。</translation>
    </message>
    <message>
        <source>{where}: the server refused the password for user {username!r}.</source>
        <translation>{where}：服务器拒绝了用户 {username!r} 的密码。</translation>
    </message>
    <message>
        <source>{where}: the server wants a password for user {username!r} and none was given.</source>
        <translation>{where}：服务器要求用户 {username!r} 提供密码，但未提供。</translation>
    </message>
    <message>
        <source>{where}: {message}</source>
        <translation>{where}：{message}</translation>
    </message>
    <message>
        <source>{where}: {text_}</source>
        <translation>{where}：{text_}</translation>
    </message>
    <message>
        <source>{where} has no minisip-console schema yet.</source>
        <translation>{where} 还没有 minisip-console 的 schema。</translation>
    </message>
    <message>
        <source>{where} has tables but no minisip-console schema version.</source>
        <translation>{where} 有表，但没有 minisip-console 的 schema 版本。</translation>
    </message>
    <message>
        <source>{where} has a newer schema ({value}) than this console knows ({head}).</source>
        <translation>{where} 的 schema（{value}）比此控制台所知的（{head}）更新。</translation>
    </message>
    <message>
        <source>Update minisip-console before using this database.</source>
        <translation>请先更新 minisip-console，再使用此数据库。</translation>
    </message>
    <message>
        <source>{where} is at schema {value}; this console needs {head}.</source>
        <translation>{where} 的 schema 为 {value}；此控制台需要 {head}。</translation>
    </message>
    <message>
        <source>Run: {run}</source>
        <translation>运行：{run}</translation>
    </message>
    <message>
        <source>{url} has a newer schema ({value}) than this console knows ({value2}).</source>
        <translation>{url} 的 schema（{value}）比此控制台所知的（{value2}）更新。</translation>
    </message>
    <message>
        <source>Update minisip-console; it will not change a schema it does not know.</source>
        <translation>请更新 minisip-console；它不会更改其不认识的 schema。</translation>
    </message>
    <message>
        <source>{message} {hint}</source>
        <extracomment>process exit status for the CLI (ARCHITECTURE.md: 1 refused / check failed, 2 bad input)</extracomment>
        <translation>{message}{hint}</translation>
    </message>
    <message>
        <source>{target} is a folder.</source>
        <extracomment>a text cell beginning with one of these is taken for a formula by spreadsheets (OWASP) what a spreadsheet reads as a number, a date or a truth value; written as it is a file an operator gives the console to read is at most this big unless the caller says otherwise</extracomment>
        <translation>{target} 是一个文件夹。</translation>
    </message>
    <message>
        <source>Give {example}.</source>
        <translation>请给出{example}。</translation>
    </message>
    <message>
        <source>{folder} is a file, not a folder.</source>
        <translation>{folder} 是文件，不是文件夹。</translation>
    </message>
    <message>
        <source>Give {example} in an existing folder.</source>
        <translation>请在已存在的文件夹中给出{example}。</translation>
    </message>
    <message>
        <source>Create it first or choose another folder.</source>
        <translation>请先创建它，或选择其他文件夹。</translation>
    </message>
    <message>
        <source>an unknown amount of space free</source>
        <translation>未知的可用空间</translation>
    </message>
    <message>
        <source>{free} free of {total}</source>
        <translation>可用 {free}，共 {total}</translation>
    </message>
    <message>
        <source>Nothing was written; {name} was left as it was.</source>
        <translation>未写入任何内容；{name} 保持原样。</translation>
    </message>
    <message>
        <source>Nothing was written.</source>
        <translation>未写入任何内容。</translation>
    </message>
    <message>
        <source>the file needs {size}</source>
        <translation>该文件需要 {size}</translation>
    </message>
    <message>
        <source>the file needs more than the {size} written when the space ran out</source>
        <translation>该文件需要的空间超过空间耗尽时已写入的 {size}</translation>
    </message>
    <message>
        <source>not even the start of the file fitted</source>
        <translation>连文件的开头都放不下</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <source>your disk quota there is used up</source>
        <translation>您在该处的磁盘配额已用完</translation>
    </message>
    <message>
        <source>Could not write {target}: {why}. {folder} has {folder2}; {need}.</source>
        <translation>无法写入 {target}：{why}。{folder} 有 {folder2}；{need}。</translation>
    </message>
    <message>
        <source>Free some space there or choose another folder. {nothing}</source>
        <translation>请释放该处的空间或选择其他文件夹。{nothing}</translation>
    </message>
    <message>
        <source>Could not write {target}: you may not write in {folder} (permission denied).</source>
        <translation>无法写入 {target}：您无权在 {folder} 中写入（权限被拒绝）。</translation>
    </message>
    <message>
        <source>Choose a folder you may write to. {nothing}</source>
        <translation>请选择一个您有写入权限的文件夹。{nothing}</translation>
    </message>
    <message>
        <source>Could not write {target}: {folder} is on a read-only file system.</source>
        <translation>无法写入 {target}：{folder} 位于只读文件系统上。</translation>
    </message>
    <message>
        <source>Choose a folder on a writable disk. {nothing}</source>
        <translation>请选择可写磁盘上的文件夹。{nothing}</translation>
    </message>
    <message>
        <source>Give a file name.</source>
        <translation>请给出文件名。</translation>
    </message>
    <message>
        <source>{folder} is not a folder.</source>
        <translation>{folder} 不是文件夹。</translation>
    </message>
    <message>
        <source>Give a file name in an existing folder.</source>
        <translation>请在已存在的文件夹中给出文件名。</translation>
    </message>
    <message>
        <source>Could not write {target}: the file is larger than {folder}&apos;s file system allows.</source>
        <translation>无法写入 {target}：文件大小超出了 {folder} 所在文件系统的允许范围。</translation>
    </message>
    <message>
        <source>Choose a folder on another disk. {nothing}</source>
        <translation>请选择其他磁盘上的文件夹。{nothing}</translation>
    </message>
    <message>
        <source>Could not write {target}: {value}.</source>
        <translation>无法写入 {target}：{value}。</translation>
    </message>
    <message>
        <source>{source} is a folder, not {what}.</source>
        <translation>{source} 是文件夹，不是{what}。</translation>
    </message>
    <message>
        <source>Give the file&apos;s name.</source>
        <translation>请给出文件名。</translation>
    </message>
    <message>
        <source>{source} is too big for {what} ({size}).</source>
        <translation>{source} 对于{what}来说太大（{size}）。</translation>
    </message>
    <message>
        <source>It may be at most {limit}.</source>
        <translation>最大为 {limit}。</translation>
    </message>
    <message>
        <source>There is no file {source}.</source>
        <translation>没有文件 {source}。</translation>
    </message>
    <message>
        <source>Check the file&apos;s name and folder.</source>
        <translation>请检查文件名和文件夹。</translation>
    </message>
    <message>
        <source>Cannot read {source}: permission denied.</source>
        <translation>无法读取 {source}：权限被拒绝。</translation>
    </message>
    <message>
        <source>Check the file&apos;s permissions.</source>
        <translation>请检查文件的权限。</translation>
    </message>
    <message>
        <source>Cannot read {source}: {value}.</source>
        <translation>无法读取 {source}：{value}。</translation>
    </message>
    <message>
        <source>{source} is too big for {what}.</source>
        <translation>{source} 对于{what}来说太大。</translation>
    </message>
    <message>
        <source>{name}: line {line} is not UTF-8 text (byte {data:#04x}).</source>
        <translation>{name}：第 {line} 行不是 UTF-8 文本（字节 {data:#04x}）。</translation>
    </message>
    <message>
        <source>Save the file as UTF-8.</source>
        <translation>请将文件另存为 UTF-8。</translation>
    </message>
    <message>
        <source>{name} is empty.</source>
        <translation>{name} 为空。</translation>
    </message>
    <message>
        <source>The first line must name the columns.</source>
        <translation>第一行必须列出列名。</translation>
    </message>
    <message>
        <source>{name}: line {start} has a quote that is never closed.</source>
        <translation>{name}：第 {start} 行有一个未闭合的引号。</translation>
    </message>
    <message>
        <source>Close the quoted value on its line, or remove the stray quote.</source>
        <translation>请在该行内闭合带引号的值，或删除多余的引号。</translation>
    </message>
    <message>
        <source>{name}: line {start} is not well-formed CSV ({exc}).</source>
        <translation>{name}：第 {start} 行不是格式正确的 CSV（{exc}）。</translation>
    </message>
    <message>
        <source>A value holding a comma or a quote must be in double quotes, its quotes doubled.</source>
        <translation>含有逗号或引号的值必须放在双引号中，其中的引号须写两次。</translation>
    </message>
    <message>
        <source>{name}: line {start} has a quoted value that runs on to line {end} (a missing closing quote?).</source>
        <translation>{name}：第 {start} 行有一个带引号的值延续到了第 {end} 行（是否缺少闭合引号？）。</translation>
    </message>
    <message>
        <source>Each line must be one record; close the quoted value on its line.</source>
        <translation>每行必须是一条记录；请在该行内闭合带引号的值。</translation>
    </message>
    <message>
        <source>{name}: line {start} has {record} value{value}, the header {header}.</source>
        <translation>{name}：第 {start} 行有 {record} 个值，表头有 {header}。</translation>
    </message>
    <message>
        <source>Each line must have one value for each column: {value}.</source>
        <translation>每行必须为每一列提供一个值：{value}。</translation>
    </message>
    <message>
        <source>The SMTP host is missing or contains spaces.</source>
        <extracomment>the keyring entry holding the password (``secrets`` kind ``smtp``); usually the profile name</extracomment>
        <translation>SMTP 主机缺失或含有空格。</translation>
    </message>
    <message>
        <source>Give a host name or address, e.g. smtp.example.com.</source>
        <translation>请给出主机名或地址，例如 smtp.example.com。</translation>
    </message>
    <message>
        <source>The SMTP port {port!r} is not a port number.</source>
        <translation>SMTP 端口 {port!r} 不是端口号。</translation>
    </message>
    <message>
        <source>Give 1 to 65535, e.g. 587.</source>
        <translation>请输入 1 到 65535，例如 587。</translation>
    </message>
    <message>
        <source>Unknown SMTP security {security!r}.</source>
        <translation>未知的 SMTP 安全设置 {security!r}。</translation>
    </message>
    <message>
        <source>An SMTP user is set but no keyring entry for its password.</source>
        <translation>已设置 SMTP 用户，但密钥环中没有其密码。</translation>
    </message>
    <message>
        <source>Store the password for this profile first.</source>
        <translation>请先为此配置保存密码。</translation>
    </message>
    <message>
        <source>No SMTP password is stored for {profile!r}.</source>
        <translation>没有为 {profile!r} 保存 SMTP 密码。</translation>
    </message>
    <message>
        <source>Enter the SMTP password in the settings (it is kept in the OS keyring).</source>
        <translation>请在设置中输入 SMTP 密码（它保存在操作系统密钥环中）。</translation>
    </message>
    <message>
        <source>Cannot reach the SMTP server {where}: {name__}: {exc}.</source>
        <translation>无法连接 SMTP 服务器 {where}：{name__}：{exc}。</translation>
    </message>
    <message>
        <source>Check the host, port and security settings, and that the server is running.</source>
        <translation>请检查主机、端口和安全设置，并确认服务器正在运行。</translation>
    </message>
    <message>
        <source>The SMTP server {where} refused the login of {user!r}: {smtp_code} {reply}</source>
        <translation>SMTP 服务器 {where} 拒绝了 {user!r} 的登录：{smtp_code} {reply}</translation>
    </message>
    <message>
        <source>Check the SMTP user and password in the settings. Nothing was sent.</source>
        <translation>请在设置中检查 SMTP 用户和密码。未发送任何邮件。</translation>
    </message>
    <message>
        <source>The SMTP server {where} does not support what the settings ask: {exc}.</source>
        <translation>SMTP 服务器 {where} 不支持设置所要求的功能：{exc}。</translation>
    </message>
    <message>
        <source>Check the security setting (none, starttls, tls).</source>
        <translation>请检查安全设置（none、starttls、tls）。</translation>
    </message>
    <message>
        <source>The SMTP server {where} failed while connecting: {name__}.</source>
        <translation>SMTP 服务器 {where} 在连接时出错：{name__}。</translation>
    </message>
    <message>
        <source>Check the security setting and that the server is running.</source>
        <translation>请检查安全设置，并确认服务器正在运行。</translation>
    </message>
    <message>
        <source>The SMTP server {where} presented a certificate this computer does not trust: {value}. Nothing was sent.</source>
        <translation>SMTP 服务器 {where} 出示了一个本机不信任的证书：{value}。未发送任何邮件。</translation>
    </message>
    <message>
        <source>Use the server&apos;s real host name (the one its certificate names), or install the certificate of its authority in the operating system&apos;s trust store. The console never sends mail over an unverified connection.</source>
        <translation>请使用服务器的真实主机名（即其证书中的名称），或在操作系统的信任存储中安装其证书颁发机构的证书。控制台绝不会通过未经验证的连接发送邮件。</translation>
    </message>
    <message>
        <source>The SMTP server refused {recipient}: {code} {value}</source>
        <translation>SMTP 服务器拒绝了 {recipient}：{code} {value}</translation>
    </message>
    <message>
        <source>The test message to {recipient} was not sent: {name__}: {exc}</source>
        <translation>发给 {recipient} 的测试邮件未发送：{name__}：{exc}</translation>
    </message>
    <message>
        <source>The SMTP settings file {path} is damaged ({exc}).</source>
        <extracomment>what ``smtp.json`` keeps per name: never a password</extracomment>
        <translation>SMTP 设置文件 {path} 已损坏（{exc}）。</translation>
    </message>
    <message>
        <source>Fix or remove the file and save the SMTP settings again; passwords are in the keyring and are not lost.</source>
        <translation>请修复或删除该文件，然后重新保存 SMTP 设置；密码保存在密钥环中，不会丢失。</translation>
    </message>
    <message>
        <source>The SMTP settings of {name!r} in {SETTINGS_FILE} are malformed ({exc}).</source>
        <translation>{SETTINGS_FILE} 中 {name!r} 的 SMTP 设置格式错误（{exc}）。</translation>
    </message>
    <message>
        <source>Save the SMTP settings again.</source>
        <translation>请重新保存 SMTP 设置。</translation>
    </message>
    <message>
        <source>{name!r} is not a usable profile name.</source>
        <translation>{name!r} 不是可用的配置名称。</translation>
    </message>
    <message>
        <source>Use 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit.</source>
        <translation>请使用 1 至 64 个字母、数字、点、短横线或下划线，以字母或数字开头。</translation>
    </message>
    <message>
        <source>Unknown TLS mode {mode!r}.</source>
        <translation>未知的 TLS 模式 {mode!r}。</translation>
    </message>
    <message>
        <source>The profiles file {path} is damaged ({exc}).</source>
        <translation>配置文件 {path} 已损坏（{exc}）。</translation>
    </message>
    <message>
        <source>Fix or remove the file; passwords are in the keyring and are not lost.</source>
        <translation>请修复或删除该文件；密码保存在密钥环中，不会丢失。</translation>
    </message>
    <message>
        <source>Profile {name!r} in the profiles file is malformed ({exc}).</source>
        <translation>配置文件中的配置 {name!r} 格式错误（{exc}）。</translation>
    </message>
    <message>
        <source>No profile named {name!r} (known: {known}).</source>
        <translation>没有名为 {name!r} 的配置（已知：{known}）。</translation>
    </message>
    <message>
        <source>Add one with: minisip-console profile add NAME --url URL --password-stdin</source>
        <translation>使用以下命令添加：minisip-console profile add NAME --url URL --password-stdin</translation>
    </message>
    <message>
        <source>A profile named {name!r} exists already.</source>
        <translation>名为 {name!r} 的配置已存在。</translation>
    </message>
    <message>
        <source>Remove it first or choose another name.</source>
        <translation>请先删除它，或选择其他名称。</translation>
    </message>
    <message>
        <source>Profile {name!r}: {message}</source>
        <translation>配置 {name!r}：{message}</translation>
    </message>
    <message>
        <source>Save it again without it: minisip-console profile remove {name}, then profile add {name} --url URL --password-stdin.</source>
        <translation>请去掉它后重新保存：minisip-console profile remove {name}，然后 profile add {name} --url URL --password-stdin。</translation>
    </message>
    <message>
        <source>no OS keyring was found</source>
        <extracomment>keyring&apos;s own switch: the backend&apos;s class, ``module.Class`` backends that are not a real OS keyring (class paths, module.Class)</extracomment>
        <translation>未找到操作系统密钥环</translation>
    </message>
    <message>
        <source>the keyring is switched off (null backend)</source>
        <translation>密钥环已关闭（null 后端）</translation>
    </message>
    <message>
        <source>it would store passwords in a plain file</source>
        <translation>它会将密码保存在普通文件中</translation>
    </message>
    <message>
        <source>it is a file keyring, not the OS keyring</source>
        <translation>它是文件密钥环，不是操作系统密钥环</translation>
    </message>
    <message>
        <source>On Windows and macOS the system keyring is used automatically. On Linux, start a Secret Service (gnome-keyring or KWallet) in your desktop session and unlock it.</source>
        <translation>在 Windows 和 macOS 上会自动使用系统密钥环。在 Linux 上，请在桌面会话中启动 Secret Service（gnome-keyring 或 KWallet）并解锁。</translation>
    </message>
    <message>
        <source>there is no module {name!r}</source>
        <translation>没有模块 {name!r}</translation>
    </message>
    <message>
        <source>its module has no such class</source>
        <translation>其模块中没有该类</translation>
    </message>
    <message>
        <source>{name__}{value}</source>
        <translation>{name__}{value}</translation>
    </message>
    <message>
        <source>it is empty</source>
        <translation>它为空</translation>
    </message>
    <message>
        <source>{BACKEND_ENV}={shown} does not name a keyring backend that can be loaded: {reason}.</source>
        <translation>{BACKEND_ENV}={shown} 指定的密钥环后端无法加载：{reason}。</translation>
    </message>
    <message>
        <source>Unset {BACKEND_ENV} to use the OS keyring, or set it to a backend&apos;s class, e.g. keyring.backends.SecretService.Keyring.</source>
        <translation>请取消设置 {BACKEND_ENV} 以使用操作系统密钥环，或将其设为某个后端的类，例如 keyring.backends.SecretService.Keyring。</translation>
    </message>
    <message>
        <source>{where} names a keyring backend that cannot be loaded: {reason}.</source>
        <translation>{where} 指定的密钥环后端无法加载：{reason}。</translation>
    </message>
    <message>
        <source>Fix or remove its default-keyring line to use the OS keyring.</source>
        <translation>请修复或删除其中的 default-keyring 行，以使用操作系统密钥环。</translation>
    </message>
    <message>
        <source>No usable OS keyring: tried {name} ({reason}).</source>
        <translation>没有可用的操作系统密钥环：已尝试 {name}（{reason}）。</translation>
    </message>
    <message>
        <source>The OS keyring is locked ({backend}); could not {action}.</source>
        <translation>操作系统密钥环已锁定（{backend}）；无法{action}。</translation>
    </message>
    <message>
        <source>Unlock your keyring (log in to the desktop session, or unlock it in your password manager) and try again.</source>
        <translation>请解锁密钥环（登录桌面会话，或在密码管理器中解锁），然后重试。</translation>
    </message>
    <message>
        <source>No OS keyring is available ({backend}).</source>
        <translation>没有可用的操作系统密钥环（{backend}）。</translation>
    </message>
    <message>
        <source>The OS keyring ({backend}) failed to {action}: {name__}.</source>
        <translation>操作系统密钥环（{backend}）未能{action}：{name__}。</translation>
    </message>
    <message>
        <source>Use major.minor, such as 1.2 or 2.0.</source>
        <translation>请使用“主版本.次版本”格式，例如 1.2 或 2.0。</translation>
    </message>
    <message>
        <source>The {field} must be a date, not a date and time.</source>
        <translation>{field}必须是日期，而不是日期和时间。</translation>
    </message>
    <message>
        <source>Give a date such as 2027-01-31.</source>
        <translation>请给出日期，例如 2027-01-31。</translation>
    </message>
    <message>
        <source>The {field} is required.</source>
        <translation>{field}为必填项。</translation>
    </message>
    <message>
        <source>The {field} {value!r} is not a date.</source>
        <translation>{field} {value!r} 不是日期。</translation>
    </message>
    <message>
        <source>The {field} has no time zone.</source>
        <translation>{field}没有时区。</translation>
    </message>
    <message>
        <source>Give the time in UTC, such as 2027-01-31T09:00+00:00.</source>
        <translation>请以 UTC 给出时间，例如 2027-01-31T09:00+00:00。</translation>
    </message>
    <message>
        <source>Give a time such as 2027-01-31T09:00Z or a date.</source>
        <translation>请给出时间（例如 2027-01-31T09:00Z）或日期。</translation>
    </message>
    <message>
        <source>The {field} {value!r} is not a date or time.</source>
        <translation>{field} {value!r} 不是日期或时间。</translation>
    </message>
    <message>
        <source>Keep it on one line.</source>
        <translation>请保持在一行内。</translation>
    </message>
    <message>
        <source>Unknown kind {value!r}.</source>
        <translation>未知的类型 {value!r}。</translation>
    </message>
    <message>
        <source>Use policy or acquisition.</source>
        <translation>请使用 policy 或 acquisition。</translation>
    </message>
    <message>
        <source>Acquisition notice {number} has no transfer date.</source>
        <translation>收购通知 {number} 没有转移日期。</translation>
    </message>
    <message>
        <source>Give the date the data would be transferred.</source>
        <translation>请给出数据将被转移的日期。</translation>
    </message>
    <message>
        <source>Acquisition notice {number}: the transfer on {value} is only {days} days after {value2}; owners must be told at least {lead_days} days before.</source>
        <translation>收购通知 {number}：{value} 的转移距 {value2} 只有 {days} 天；必须至少提前 {lead_days} 天告知账户所有者。</translation>
    </message>
    <message>
        <source>Move the transfer to {value} or later.</source>
        <translation>请将转移推迟到 {value} 或更晚。</translation>
    </message>
    <message>
        <source>Acquisition notice {number} needs a transfer date.</source>
        <translation>收购通知 {number} 需要转移日期。</translation>
    </message>
    <message>
        <source>Version {number} is a policy version: only an acquisition has a transfer date.</source>
        <translation>版本 {number} 是政策版本：只有收购通知才有转移日期。</translation>
    </message>
    <message>
        <source>Version {number} already exists ({state}, created on {created_at:%Y-%m-%d}).</source>
        <translation>版本 {number} 已存在（{state}，创建于 {created_at:%Y-%m-%d}）。</translation>
    </message>
    <message>
        <source>Version {number} already exists.</source>
        <translation>版本 {number} 已存在。</translation>
    </message>
    <message>
        <source>Choose another number.</source>
        <translation>请选择其他编号。</translation>
    </message>
    <message>
        <source>{value!r} is not a version number.</source>
        <extracomment>an acquisition&apos;s notice must go out at least this many days before the transfer &quot;1.2&quot;, &quot;2.0&quot;, &quot;10.11&quot;: major.minor, each 1 to 3 digits without a leading zero (0 itself is fine)</extracomment>
        <translation>{value!r} 不是版本号。</translation>
    </message>
    <message>
        <source>A version number is required.</source>
        <translation>需要版本号。</translation>
    </message>
    <message>
        <source>The {field} is too short.</source>
        <translation>{field}太短。</translation>
    </message>
    <message>
        <source>Give at least {minimum} characters.</source>
        <translation>请至少给出 {minimum} 个字符。</translation>
    </message>
    <message>
        <source>The versions are {known}; the window&apos;s Policy notices tab lists and adds them.</source>
        <translation>现有版本为 {known}；窗口的“政策通知”标签页可列出和添加版本。</translation>
    </message>
    <message>
        <source>There is no version yet; the window&apos;s Policy notices tab lists and adds them.</source>
        <translation>还没有任何版本；窗口的“政策通知”标签页可列出和添加版本。</translation>
    </message>
    <message>
        <source>Edit that draft, or choose another number.</source>
        <translation>请编辑该草稿，或选择其他编号。</translation>
    </message>
    <message>
        <source>edit a policy version</source>
        <translation>编辑政策版本</translation>
    </message>
    <message>
        <source>Version {number} was published on {published_at:%Y-%m-%d} by {value}: a published version is never changed.</source>
        <translation>版本 {number} 已于 {published_at:%Y-%m-%d} 由 {value} 发布：已发布的版本永不更改。</translation>
    </message>
    <message>
        <source>Create a new version instead.</source>
        <translation>请改为创建新版本。</translation>
    </message>
    <message>
        <source>create a policy version</source>
        <extracomment>what can be done to a version, as the window&apos;s buttons name them: draft a new one, decide its significance, publish it, email its notice (a campaign), place a site notice, set the SMTP server and the delivery ledger&apos;s: decide on uncertain deliveries, record bounces</extracomment>
        <translation>创建政策版本</translation>
    </message>
    <message>
        <source>decide whether a policy version is significant</source>
        <translation>判定政策版本是否为重大变更</translation>
    </message>
    <message>
        <source>publish a policy version</source>
        <translation>发布政策版本</translation>
    </message>
    <message>
        <source>create a notice campaign</source>
        <translation>创建通知活动</translation>
    </message>
    <message>
        <source>place a site notice</source>
        <translation>发布网站通知</translation>
    </message>
    <message>
        <source>change the SMTP settings the notices go through</source>
        <translation>更改发送通知所用的 SMTP 设置</translation>
    </message>
    <message>
        <source>decide on uncertain deliveries</source>
        <translation>处理投递状态不确定的邮件</translation>
    </message>
    <message>
        <source>record bounced notices</source>
        <translation>记录被退回的通知</translation>
    </message>
    <message>
        <source>Version {n} is already published ({value}): its significance can no longer change.</source>
        <translation>版本 {n} 已发布（{value}）：其重要性不能再更改。</translation>
    </message>
    <message>
        <source>Version {n} was already published on {published_at:%Y-%m-%d} by {published_by}.</source>
        <translation>版本 {n} 已于 {published_at:%Y-%m-%d} 由 {published_by} 发布。</translation>
    </message>
    <message>
        <source>Version {n} cannot be published: nobody has decided whether it is significant.</source>
        <translation>版本 {n} 无法发布：尚无人判定它是否为重大变更。</translation>
    </message>
    <message>
        <source>An approver decides first (significant changes are notified to every account owner).</source>
        <translation>须先由审批人判定（重大变更会通知每位账户所有者）。</translation>
    </message>
    <message>
        <source>Version {n} is not published: publish it before telling the owners.</source>
        <translation>版本 {n} 尚未发布：请先发布，再通知账户所有者。</translation>
    </message>
    <message>
        <source>Version {n} is not marked significant: only significant changes are emailed.</source>
        <translation>版本 {n} 未被标记为重大变更：只有重大变更才会发送邮件。</translation>
    </message>
    <message>
        <source>Decide its significance first.</source>
        <translation>请先判定其重要性。</translation>
    </message>
    <message>
        <source>Version {n} is a draft: publish it before announcing it on the site.</source>
        <translation>版本 {n} 是草稿：请先发布，再在网站上公告。</translation>
    </message>
    <message>
        <source>Version {number} announces an acquisition: it is always significant.</source>
        <translation>版本 {number} 公告了一项收购：它始终是重大变更。</translation>
    </message>
    <message>
        <source>The policy promises to notify every owner before their data is transferred.</source>
        <translation>隐私政策承诺在数据被转移之前通知每位账户所有者。</translation>
    </message>
    <message>
        <source>The notice would end ({end:%Y-%m-%d %H:%M}) before it starts ({start:%Y-%m-%d %H:%M}).</source>
        <translation>通知的结束时间（{end:%Y-%m-%d %H:%M}）早于开始时间（{start:%Y-%m-%d %H:%M}）。</translation>
    </message>
    <message>
        <source>Give an end after the start, or none.</source>
        <translation>请给出晚于开始时间的结束时间，或不设结束时间。</translation>
    </message>
    <message>
        <source>Version {version}: {failed:,} owners&apos; email failed or bounced and {never:,} owners were never emailed, and no site notice has been shown.</source>
        <translation>版本 {version}：{failed:,} 位账户所有者的邮件发送失败或被退回，{never:,} 位从未收到邮件，且尚未显示网站通知。</translation>
    </message>
    <message>
        <source>Version {version}: {failed:,} owners&apos; email failed or bounced, and no site notice has been shown.</source>
        <translation>版本 {version}：{failed:,} 位账户所有者的邮件发送失败或被退回，且尚未显示网站通知。</translation>
    </message>
    <message>
        <source>Version {version}: {never:,} owners were never emailed, and no site notice has been shown.</source>
        <translation>版本 {version}：{never:,} 位账户所有者从未收到邮件，且尚未显示网站通知。</translation>
    </message>
    <message>
        <source>Version {version}: {uncertain:,} deliveries are uncertain (the process stopped before the server answered): decide whether they were sent.</source>
        <translation>版本 {version}：{uncertain:,} 封邮件的投递状态不确定（进程在服务器应答前中止）：请判定它们是否已发送。</translation>
    </message>
    <message>
        <source>Account ids must be whole numbers.</source>
        <extracomment>(what was given: an account id, an email or &quot;line N&quot;, why it was not marked) the largest value of an account id column (``accounts.id``, ``notice_deliveries.account_id``: INTEGER)</extracomment>
        <translation>账户 ID 必须是整数。</translation>
    </message>
    <message>
        <source>{name} has no account_id or email column.</source>
        <translation>{name} 没有 account_id 或 email 列。</translation>
    </message>
    <message>
        <source>The first line must name the columns, e.g. account_id,reply.</source>
        <translation>第一行必须列出列名，例如 account_id,reply。</translation>
    </message>
    <message>
        <source>{name}: line {line} has a control character ({found}).</source>
        <translation>{name}：第 {line} 行含有控制字符（{found}）。</translation>
    </message>
    <message>
        <source>Nothing was recorded.</source>
        <translation>未记录任何内容。</translation>
    </message>
    <message>
        <source>{name}: line {line}: the reply is {reply:,} characters; at most {REPLY_MAX:,} are kept.</source>
        <translation>{name}：第 {line} 行：回复长 {reply:,} 个字符；最多保留 {REPLY_MAX:,} 个。</translation>
    </message>
    <message>
        <source>Shorten it; nothing was recorded.</source>
        <translation>请缩短它；未记录任何内容。</translation>
    </message>
    <message>
        <source>{name}: line {line}: {message}</source>
        <translation>{name}：第 {line} 行：{message}</translation>
    </message>
    <message>
        <source>Correct the line; nothing was recorded.</source>
        <translation>请更正该行；未记录任何内容。</translation>
    </message>
    <message>
        <source>{name}: line {line} has neither an account id nor an email address.</source>
        <translation>{name}：第 {line} 行既没有账户 ID 也没有邮箱地址。</translation>
    </message>
    <message>
        <source>Correct the line or remove it; nothing was recorded.</source>
        <translation>请更正或删除该行；未记录任何内容。</translation>
    </message>
    <message>
        <source>{name} has a header but no bounces.</source>
        <translation>{name} 有表头但没有退信记录。</translation>
    </message>
    <message>
        <source>Add a line for each bounce under the header.</source>
        <translation>请在表头下为每封退信添加一行。</translation>
    </message>
    <message>
        <source>Help with a problem</source>
        <translation>帮助解决问题</translation>
    </message>
    <message>
        <source>Fix a software bug</source>
        <translation>修复软件缺陷</translation>
    </message>
    <message>
        <source>Customer request</source>
        <translation>客户请求</translation>
    </message>
    <message>
        <source>Legal obligation</source>
        <translation>法律义务</translation>
    </message>
    <message>
        <source>Unknown purpose {raw!r}.</source>
        <extracomment>a ticket reference: letters, digits and - _ . / # :, 3 to 60 characters, starting with a letter or digit</extracomment>
        <translation>未知的用途 {raw!r}。</translation>
    </message>
    <message>
        <source>Use one of: {choices}.</source>
        <translation>请使用以下之一：{choices}。</translation>
    </message>
    <message>
        <source>A ticket reference is required.</source>
        <translation>需要工单号。</translation>
    </message>
    <message>
        <source>Give the support ticket this work is for, e.g. SUP-1234.</source>
        <translation>请给出此项工作对应的支持工单，例如 SUP-1234。</translation>
    </message>
    <message>
        <source>{ticket!r} is not a ticket reference.</source>
        <translation>{ticket!r} 不是工单号。</translation>
    </message>
    <message>
        <source>Use 3 to 60 letters, digits and - _ . : / #, e.g. SUP-1234.</source>
        <translation>请使用 3 至 60 个字母、数字及 - _ . : / #，例如 SUP-1234。</translation>
    </message>
    <message>
        <source>viewer</source>
        <translation>查看者</translation>
    </message>
    <message>
        <source>operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>approver</source>
        <translation>审批人</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>{login} is not a registered operator and cannot {action}.</source>
        <translation>{login} 不是已登记的操作员，无法{action}。</translation>
    </message>
    <message>
        <source>Ask an admin to add you to the operators of this database.</source>
        <translation>请管理员将您添加为此数据库的操作员。</translation>
    </message>
    <message>
        <source>{name} ({role}) cannot {action}: that needs the {needs} role or higher.</source>
        <translation>{name}（{role}）无法{action}：这需要{needs}或更高的角色。</translation>
    </message>
    <message>
        <source>Nothing to change.</source>
        <translation>没有需要更改的内容。</translation>
    </message>
    <message>
        <source>Give a new name, email or company.</source>
        <translation>请给出新的姓名、邮箱或公司。</translation>
    </message>
    <message>
        <source>Unknown language {shown}.</source>
        <extracomment>the languages an account may have, in the order they are offered</extracomment>
        <translation>未知的语言 {shown}。</translation>
    </message>
    <message>
        <source>Call detail records (CDRs)</source>
        <extracomment>the privacy policy&apos;s promise: &quot;CDR records will also be deleted automatically in 30 days&quot; the categories, in the order the console shows them</extracomment>
        <translation>通话记录（CDR）</translation>
    </message>
    <message>
        <source>Subscriber information (name, email, company)</source>
        <extracomment>data categories a request may seek (and a disclosure may contain) -&gt; label</extracomment>
        <translation>用户信息（姓名、邮箱、公司）</translation>
    </message>
    <message>
        <source>Call detail records</source>
        <translation>通话记录</translation>
    </message>
    <message>
        <source>Configurations</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>Uploaded files</source>
        <translation>上传的文件</translation>
    </message>
    <message>
        <source>Support correspondence</source>
        <translation>支持往来邮件</translation>
    </message>
    <message>
        <source>The customer&apos;s permission</source>
        <extracomment>disclosure legal bases -&gt; label (``legal_basis``); a disclosure without one is refused</extracomment>
        <translation>客户的许可</translation>
    </message>
    <message>
        <source>A legal obligation (court order, statute)</source>
        <translation>法律义务（法院命令、法规）</translation>
    </message>
    <message>
        <source>An acquisition or merger</source>
        <translation>收购或合并</translation>
    </message>
    <message>
        <source>A service provider working for us</source>
        <translation>为我们工作的服务提供商</translation>
    </message>
    <message>
        <source>Survey responses</source>
        <translation>调查答复</translation>
    </message>
    <message>
        <source>Marketing page visits</source>
        <translation>营销页面访问</translation>
    </message>
    <message>
        <source>call detail records (cdrs)</source>
        <extracomment>the same in the middle of a sentence (&quot;The purge of call detail records (cdrs) stopped&quot;)</extracomment>
        <translation>通话记录（CDR）</translation>
    </message>
    <message>
        <source>support correspondence</source>
        <translation>支持往来邮件</translation>
    </message>
    <message>
        <source>survey responses</source>
        <translation>调查答复</translation>
    </message>
    <message>
        <source>marketing page visits</source>
        <translation>营销页面访问</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>time limit</source>
        <translation>已达时间上限</translation>
    </message>
    <message>
        <source>{table}.{column} has no index: every purge batch and the age chart scan the whole table. Run: {sql}</source>
        <extracomment>each category&apos;s target in the service&apos;s own schema (the default, and what the demo uses) how often the scheduled purge runs, by default (days); a policy sets its own, 1 to ``MAX_INTERVAL_DAYS`` a batch aims at this many seconds: long enough that per-batch overhead stays small against one DELETE, short enough that cancel answers quickly and the service&apos;s writes never wait long the first batch&apos;s row target when nothing has been measured yet the column that ties a target&apos;s rows to an account: legal holds apply through it a saved target (``core.targets``): its account column&apos;s real name (None: holds cannot apply) and how an account id is written there (``acct{id}``); None: the category&apos;s own table (``account_id``) the columns of an integer type (an account column written as the bare id compares as a number)</extracomment>
        <translation>{table}.{column} 没有索引：每批清除和数据年龄图表都会扫描整个表。请运行：{sql}</translation>
    </message>
    <message>
        <source>{table} is partitioned by {key}, not by {column}: rows are deleted one batch at a time.</source>
        <translation>{table} 按 {key} 分区，而不是按 {column}：行将逐批删除。</translation>
    </message>
    <message>
        <source>{raw!r} is not a table name.</source>
        <translation>{raw!r} 不是表名。</translation>
    </message>
    <message>
        <source>Give a table name such as cdr or v_xml_cdr, optionally with its schema: asterisk.cdr.</source>
        <translation>请给出表名，例如 cdr 或 v_xml_cdr，可带 schema：asterisk.cdr。</translation>
    </message>
    <message>
        <source>{raw!r} is not a column name.</source>
        <translation>{raw!r} 不是列名。</translation>
    </message>
    <message>
        <source>Give the timestamp column&apos;s name, e.g. start or calldate.</source>
        <translation>请给出时间戳列的名称，例如 start 或 calldate。</translation>
    </message>
    <message>
        <source>Tables that look related: {value}.</source>
        <translation>看起来相关的表：{value}。</translation>
    </message>
    <message>
        <source>Check the name and the schema.</source>
        <translation>请检查名称和 schema。</translation>
    </message>
    <message>
        <source>The database has no table {table_name!r}.</source>
        <translation>数据库中没有表 {table_name!r}。</translation>
    </message>
    <message>
        <source>Its date/time columns: {value}.</source>
        <translation>其日期/时间列：{value}。</translation>
    </message>
    <message>
        <source>{table_name} has no date/time column.</source>
        <translation>{table_name} 没有日期/时间列。</translation>
    </message>
    <message>
        <source>The table {table_name!r} has no column {wanted!r}.</source>
        <translation>表 {table_name!r} 没有列 {wanted!r}。</translation>
    </message>
    <message>
        <source>Choose one of its date/time columns: {value}.</source>
        <translation>请选择其日期/时间列之一：{value}。</translation>
    </message>
    <message>
        <source>Retention needs a timestamp column (date and time).</source>
        <translation>保留期限需要一个时间戳列（日期和时间）。</translation>
    </message>
    <message>
        <source>{table_name}.{col} is {kind}, not a date and time.</source>
        <translation>{table_name}.{col} 的类型是 {kind}，不是日期和时间。</translation>
    </message>
    <message>
        <source>Unknown data category {raw!r}.</source>
        <extracomment>``TO_DAYS(d)`` is ``d.toordinal()`` plus this (MySQL counts days from year 0) how often the scheduled purge runs (days): a row may be up to ``days + interval_days`` old between two runs before the promise is broken</extracomment>
        <translation>未知的数据类别 {raw!r}。</translation>
    </message>
    <message>
        <source>CDRs need a retention in days.</source>
        <translation>CDR 需要以天数表示的保留期限。</translation>
    </message>
    <message>
        <source>The privacy policy promises at most {PROMISED_CDR_DAYS}.</source>
        <translation>隐私政策承诺最多 {PROMISED_CDR_DAYS} 天。</translation>
    </message>
    <message>
        <source>{value} is not a number of days.</source>
        <translation>{value} 不是天数。</translation>
    </message>
    <message>
        <source>Give a whole number such as 30.</source>
        <translation>请给出整数，例如 30。</translation>
    </message>
    <message>
        <source>A retention of {days} days would delete everything at once.</source>
        <translation>{days} 天的保留期限会一次删除所有数据。</translation>
    </message>
    <message>
        <source>Give at least 1 day.</source>
        <translation>请至少给出 1 天。</translation>
    </message>
    <message>
        <source>{days} days is more than {value} years.</source>
        <translation>{days} 天超过了 {value} 年。</translation>
    </message>
    <message>
        <source>Give a shorter retention.</source>
        <translation>请给出更短的保留期限。</translation>
    </message>
    <message>
        <source>Give how often the scheduled purge runs, in whole days from 1 to {MAX_INTERVAL_DAYS} (1: daily).</source>
        <translation>请以整天数给出定时清除的运行频率，范围为 1 至 {MAX_INTERVAL_DAYS}（1：每天）。</translation>
    </message>
    <message>
        <source>purge data past its retention</source>
        <extracomment>who may do what with the retention: the least role and the words of its refusal</extracomment>
        <translation>清除超过保留期限的数据</translation>
    </message>
    <message>
        <source>change a retention policy</source>
        <translation>更改保留策略</translation>
    </message>
    <message>
        <source>{label} need a retention in days or a date to review them by.</source>
        <translation>{label}需要以天数表示的保留期限，或一个复核日期。</translation>
    </message>
    <message>
        <source>The policy keeps data only as long as it makes sense: set one of the two.</source>
        <translation>保留策略只在合理期限内保留数据：请设置二者之一。</translation>
    </message>
    <message>
        <source>Unknown partition mode {partition_mode!r}.</source>
        <translation>未知的分区模式 {partition_mode!r}。</translation>
    </message>
    <message>
        <source>Use drop or detach.</source>
        <translation>请使用 drop 或 detach。</translation>
    </message>
    <message>
        <source>{count} account is under a legal hold, but {table} has no {column} column: a purge cannot tell their rows apart and deletes them with the rest.</source>
        <translation>{count} 个账户处于法律保留之下，但 {table} 没有 {column} 列：清除无法区分这些账户的行，会将其与其他行一并删除。</translation>
    </message>
    <message>
        <source>{count} accounts are under a legal hold, but {table} has no {column} column: a purge cannot tell their rows apart and deletes them with the rest.</source>
        <translation>{count} 个账户处于法律保留之下，但 {table} 没有 {column} 列：清除无法区分这些账户的行，会将其与其他行一并删除。</translation>
    </message>
    <message>
        <source>{table} has no {column} column: a legal hold cannot keep an account&apos;s rows from a purge.</source>
        <translation>{table} 没有 {column} 列：法律保留无法使账户的行免于清除。</translation>
    </message>
    <message>
        <source>{label} have no retention in days, only a review date: nothing is purged automatically.</source>
        <extracomment>the moment the cutoff was computed from (a status&apos;s ``now``: the dry run counts at its cutoff) the target is a pg_partman parent: what its purge does instead of deleting (``core.partman``) a saved target&apos;s name (``core.targets``); None: the category&apos;s own table its partitions past the cutoff are deleted by rows, not dropped, and why (``_by_rows``)</extracomment>
        <translation>{label}没有以天数表示的保留期限，只有复核日期：不会自动清除任何数据。</translation>
    </message>
    <message>
        <source>Set a number of days for this category to purge it.</source>
        <translation>请为此类别设置天数以进行清除。</translation>
    </message>
    <message>
        <source>{count:,} row deleted</source>
        <extracomment>``SEQ:HASH``: the audit head right after the event that finished this receipt (``purge.run``, or ``purge.interrupted`` for a run a later one closed), recorded in the same transaction as that event; None while running, and for receipts finished before the head was recorded the saved target purged (``core.targets``); None: the category&apos;s own table</extracomment>
        <translation>已删除 {count:,} 行</translation>
    </message>
    <message>
        <source>{count:,} rows deleted</source>
        <translation>已删除 {count:,} 行</translation>
    </message>
    <message>
        <source>{count:,} whole partition</source>
        <translation>{count:,} 个整个分区</translation>
    </message>
    <message>
        <source>{count:,} whole partitions</source>
        <translation>{count:,} 个整个分区</translation>
    </message>
    <message>
        <source>{what} (including {partitions})</source>
        <translation>{what}（包括 {partitions}）</translation>
    </message>
    <message>
        <source>{what}, {held:,} kept for a legal hold</source>
        <translation>{what}，{held:,} 行因法律保留而保留</translation>
    </message>
    <message>
        <source>NOT verified</source>
        <translation>未经核实</translation>
    </message>
    <message>
        <source>verified: nothing older than the cutoff remains but the held rows</source>
        <translation>已核实：除被保留的行外，没有早于截止日的数据</translation>
    </message>
    <message>
        <source>verified: nothing older than the cutoff remains</source>
        <translation>已核实：没有早于截止日的数据</translation>
    </message>
    <message>
        <source>{what}; {check}</source>
        <translation>{what}；{check}</translation>
    </message>
    <message>
        <source>{summary}; warning: {error}</source>
        <translation>{summary}；警告：{error}</translation>
    </message>
    <message>
        <source>running: {what} so far</source>
        <translation>运行中：目前{what}</translation>
    </message>
    <message>
        <source>{state} after {what}: {error}</source>
        <translation>{what}后{state}：{error}</translation>
    </message>
    <message>
        <source>{state} after {what}</source>
        <translation>{what}后{state}</translation>
    </message>
    <message>
        <source>There is no purge run {run_id}.</source>
        <translation>没有清除运行记录 {run_id}。</translation>
    </message>
    <message>
        <source>The retention is {days} days: the privacy policy promises {promised}.</source>
        <extracomment>the newest non-dry run the scheduler started for this category (whatever its outcome) the target is a pg_partman parent: its settings&apos; verdict (``core.partman``); None: it is not one a saved target&apos;s name (``core.targets``); None: the category&apos;s own table</extracomment>
        <translation>保留期限为 {days} 天：隐私政策承诺 {promised} 天。</translation>
    </message>
    <message>
        <source>The retention is unlimited days: the privacy policy promises {promised}.</source>
        <translation>保留期限为无限期：隐私政策承诺 {promised} 天。</translation>
    </message>
    <message>
        <source>{count:,} row is older than {limit} (the retention of {days} plus the purge interval of {interval}): a purge on schedule would have deleted it.</source>
        <translation>{count:,} 行早于 {limit}（保留期限 {days} 加清除间隔 {interval}）：按计划清除本应已将其删除。</translation>
    </message>
    <message>
        <source>{count:,} rows are older than {limit} (the retention of {days} plus the purge interval of {interval}): a purge on schedule would have deleted them.</source>
        <translation>{count:,} 行早于 {limit}（保留期限 {days} 加清除间隔 {interval}）：按计划清除本应已将其删除。</translation>
    </message>
    <message>
        <source>The review date {review_by} has passed: decide whether keeping them still makes sense.</source>
        <translation>复核日期 {review_by} 已过：请决定是否仍有必要保留这些数据。</translation>
    </message>
    <message>
        <source>No retention in days and no review date: nothing decides when these rows are deleted.</source>
        <translation>既没有以天数表示的保留期限，也没有复核日期：没有任何规则决定这些行何时删除。</translation>
    </message>
    <message>
        <source>The scheduled purge has never run on the retention target {name} (it should run {every}).</source>
        <translation>保留目标 {name} 的定时清除从未运行（应{every}运行）。</translation>
    </message>
    <message>
        <source>The scheduled purge has never run for this category (it should run {every}).</source>
        <translation>此类别的定时清除从未运行（应当{every}运行）。</translation>
    </message>
    <message>
        <source>The scheduled purge last ran {days} ago (run {run}); it should run {every}.</source>
        <translation>定时清除上次运行于 {days}前（运行 {run}）；应当{every}运行。</translation>
    </message>
    <message>
        <source>The last scheduled purge (run {run}) ended {state}: {error}</source>
        <translation>上次定时清除（运行 {run}）以{state}结束：{error}</translation>
    </message>
    <message>
        <source>The last scheduled purge (run {run}) ended {state}.</source>
        <translation>上次定时清除（运行 {run}）以{state}结束。</translation>
    </message>
    <message>
        <source>Retention target {name}: {reason}</source>
        <translation>保留目标 {name}：{reason}</translation>
    </message>
    <message>
        <source>A purge is already starting on this database.</source>
        <extracomment>``estimated`` is a count (from the dry run the caller passed as ``expected``), not an extrapolation a sentence about the run itself (the run stopped and is waiting to record it in its receipt...) a saved target&apos;s run: the console&apos;s database (holds and the receipt live there, not in ``conn``)</extracomment>
        <translation>此数据库上已有一个清除任务正在启动。</translation>
    </message>
    <message>
        <source> on {host} (process {pid})</source>
        <translation>，位于 {host}（进程 {pid}）</translation>
    </message>
    <message>
        <source> on {host}</source>
        <translation>，位于 {host}</translation>
    </message>
    <message>
        <source>A purge is already running on this database: run {id} ({category}), started by {started_by} at {started:%Y-%m-%d %H:%M} UTC{where}.</source>
        <translation>此数据库上已有一个清除任务正在运行：运行 {id}（{category}），由 {started_by} 于 {started:%Y-%m-%d %H:%M} UTC 启动{where}。</translation>
    </message>
    <message>
        <source>The process stopped after {count:,} row without closing its receipt; whether its last batch ({rows:,} more) was deleted in {target} could not be checked: {why}</source>
        <translation>进程在删除 {count:,} 行后停止，未关闭其回执；无法核实其最后一批（另外 {rows:,} 行）是否已在 {target} 中删除：{why}</translation>
    </message>
    <message>
        <source>The process stopped after {count:,} rows without closing its receipt; whether its last batch ({rows:,} more) was deleted in {target} could not be checked: {why}</source>
        <translation>进程在删除 {count:,} 行后停止，未关闭其回执；无法核实其最后一批（另外 {rows:,} 行）是否已在 {target} 中删除：{why}</translation>
    </message>
    <message>
        <source>The process stopped after {count:,} row without closing its receipt (killed, or it lost the database before it could record why); the next run finished the work.</source>
        <translation>进程在删除 {count:,} 行后停止，未关闭其回执（被终止，或在记录原因之前失去了数据库连接）；下一次运行完成了剩余工作。</translation>
    </message>
    <message>
        <source>The process stopped after {count:,} rows without closing its receipt (killed, or it lost the database before it could record why); the next run finished the work.</source>
        <translation>进程在删除 {count:,} 行后停止，未关闭其回执（被终止，或在记录原因之前失去了数据库连接）；下一次运行完成了剩余工作。</translation>
    </message>
    <message>
        <source>Unknown trigger {trigger!r}.</source>
        <translation>未知的触发方式 {trigger!r}。</translation>
    </message>
    <message>
        <source>Use operator or scheduler.</source>
        <translation>请使用 operator 或 scheduler。</translation>
    </message>
    <message>
        <source>A batch size of {batch_size} is out of range.</source>
        <translation>批大小 {batch_size} 超出范围。</translation>
    </message>
    <message>
        <source>Give 100 to 10,000,000 rows, or leave it out to size batches by time.</source>
        <translation>请给出 100 至 10,000,000 行，或不填以按时间确定批大小。</translation>
    </message>
    <message>
        <source>The time limit must be more than 0 seconds.</source>
        <translation>时间上限必须大于 0 秒。</translation>
    </message>
    <message>
        <source>Wait for it to finish, or cancel it where it was started.</source>
        <translation>请等待其完成，或在启动它的地方取消。</translation>
    </message>
    <message>
        <source>A purge of the retention target {name} is already running: its database holds the purge&apos;s lock.</source>
        <translation>保留目标 {name} 的清除已在运行：其数据库持有清除锁。</translation>
    </message>
    <message>
        <source>{label} have only a review date: nothing to purge automatically.</source>
        <translation>{label}只有复核日期：没有可自动清除的数据。</translation>
    </message>
    <message>
        <source>An unexpected error stopped it: {kind}: {detail}</source>
        <extracomment>how long a run keeps trying to record how it ended when the database refuses the receipt&apos;s write (another writer holds the lock, the server went away for a moment): a receipt left ``running`` would read, later, as a run that was killed</extracomment>
        <translation>一个意外错误使其停止：{kind}：{detail}</translation>
    </message>
    <message>
        <source>An unexpected error stopped it: {kind}</source>
        <translation>一个意外错误使其停止：{kind}</translation>
    </message>
    <message>
        <source>Stopped at once (interrupted): the batch in flight was rolled back.</source>
        <translation>已立即停止（中断）：正在处理的批次已回滚。</translation>
    </message>
    <message>
        <source>The {count:,} row deleted before it stopped stays deleted</source>
        <translation>中止前删除的 {count:,} 行仍保持删除</translation>
    </message>
    <message>
        <source>The {count:,} rows deleted before it stopped stay deleted</source>
        <translation>中止前删除的 {count:,} 行仍保持删除</translation>
    </message>
    <message>
        <source>Nothing was deleted before it stopped</source>
        <translation>中止前未删除任何数据</translation>
    </message>
    <message>
        <source>The purge of {category} stopped: {reason}</source>
        <translation>{category}的清除已中止：{reason}</translation>
    </message>
    <message>
        <source>A row from {oldest_remaining:%Y-%m-%d %H:%M:%S} UTC is still older than the cutoff (written during the run?).</source>
        <translation>来自 {oldest_remaining:%Y-%m-%d %H:%M:%S} UTC 的一行仍早于截止日（是否在运行期间写入？）。</translation>
    </message>
    <message>
        <source>The purge of {category} ended ({outcome}: {error}), but its receipt could not be closed: {why}</source>
        <translation>{category}的清除已结束（{outcome}：{error}），但其回执无法关闭：{why}</translation>
    </message>
    <message>
        <source>The purge of {category} ended ({outcome}), but its receipt could not be closed: {why}</source>
        <translation>{category}的清除已结束（{outcome}），但其回执无法关闭：{why}</translation>
    </message>
    <message>
        <source>The {count:,} partition of {table} wholly past the cutoff is deleted by rows, not dropped: {login} does not own the table (only its owner may drop a partition). Let the target&apos;s URL name the table&apos;s owner to drop it whole.</source>
        <translation>{table} 中完全早于截止时间的 {count:,} 个分区将按行删除，而不是整个删除：{login} 不是该表的所有者（只有所有者可以删除分区）。请让该目标的 URL 使用表的所有者登录，以便整个删除分区。</translation>
    </message>
    <message>
        <source>The {count:,} partitions of {table} wholly past the cutoff are deleted by rows, not dropped: {login} does not own the table (only its owner may drop a partition). Let the target&apos;s URL name the table&apos;s owner to drop them whole.</source>
        <translation>{table} 中完全早于截止时间的 {count:,} 个分区将按行删除，而不是整个删除：{login} 不是该表的所有者（只有所有者可以删除分区）。请让该目标的 URL 使用表的所有者登录，以便整个删除分区。</translation>
    </message>
    <message>
        <source>The partition {name} holds rows newer than the cutoff: the console did not drop it.</source>
        <translation>分区 {name} 中有晚于截止时间的行：控制台没有删除它。</translation>
    </message>
    <message>
        <source>{kept} (run {run_id} records it as failed, with the reason); run the purge again to finish.</source>
        <translation>{kept}（运行 {run_id} 将其记录为失败，并附原因）；请再次运行清除以完成。</translation>
    </message>
    <message>
        <source>Run {run_id} stays marked running; the next purge marks it interrupted and finishes the work.</source>
        <translation>运行 {run_id} 仍标记为运行中；下一次清除会将其标记为已中断并完成剩余工作。</translation>
    </message>
    <message>
        <source>The {field} is missing.</source>
        <translation>缺少{field}。</translation>
    </message>
    <message>
        <source>Give 1 to {maximum} characters.</source>
        <translation>请给出 1 至 {maximum} 个字符。</translation>
    </message>
    <message>
        <source>Give at most {maximum} characters.</source>
        <translation>最多 {maximum} 个字符。</translation>
    </message>
    <message>
        <source>The email address is missing.</source>
        <translation>缺少邮箱地址。</translation>
    </message>
    <message>
        <source>The email address cannot be empty.</source>
        <translation>邮箱地址不能为空。</translation>
    </message>
    <message>
        <source>Give an address such as name@example.com.</source>
        <translation>请给出地址，例如 name@example.com。</translation>
    </message>
    <message>
        <source>The email address {value} contains a space.</source>
        <translation>邮箱地址 {value} 含有空格。</translation>
    </message>
    <message>
        <source>An address has no spaces.</source>
        <translation>地址中不能有空格。</translation>
    </message>
    <message>
        <source>The email address contains an invisible formatting character.</source>
        <translation>邮箱地址含有不可见的格式字符。</translation>
    </message>
    <message>
        <source>Type the address again by hand.</source>
        <translation>请手动重新输入地址。</translation>
    </message>
    <message>
        <source>The email address is too long ({value:,} characters).</source>
        <translation>邮箱地址过长（{value:,} 个字符）。</translation>
    </message>
    <message>
        <source>An address has at most {EMAIL_MAX}.</source>
        <translation>地址最多 {EMAIL_MAX} 个字符。</translation>
    </message>
    <message>
        <source>The email address {value} has no @.</source>
        <translation>邮箱地址 {value} 中没有 @。</translation>
    </message>
    <message>
        <source>The part of the email address before the @ is too long ({local} characters).</source>
        <translation>邮箱地址中 @ 之前的部分过长（{local} 个字符）。</translation>
    </message>
    <message>
        <source>It may have at most {EMAIL_LOCAL_MAX}.</source>
        <translation>最多 {EMAIL_LOCAL_MAX} 个字符。</translation>
    </message>
    <message>
        <source>The email address&apos;s domain {domain} has a part longer than {EMAIL_LABEL_MAX} characters.</source>
        <translation>邮箱地址的域名 {domain} 中有一段超过 {EMAIL_LABEL_MAX} 个字符。</translation>
    </message>
    <message>
        <source>{value} is not a valid email address.</source>
        <translation>{value} 不是有效的邮箱地址。</translation>
    </message>
    <message>
        <source>Evidence is required.</source>
        <translation>需要证据。</translation>
    </message>
    <message>
        <source>Give the ticket or the signed form&apos;s reference the decision rests on.</source>
        <translation>请给出该决定所依据的工单号或签署表格的编号。</translation>
    </message>
    <message>
        <source>The evidence {value} is too short.</source>
        <translation>证据 {value} 太短。</translation>
    </message>
    <message>
        <source>Give {EVIDENCE_MIN} to {EVIDENCE_MAX} characters.</source>
        <translation>请给出 {EVIDENCE_MIN} 至 {EVIDENCE_MAX} 个字符。</translation>
    </message>
    <message>
        <source>The evidence is too long ({value:,} characters).</source>
        <translation>证据过长（{value:,} 个字符）。</translation>
    </message>
    <message>
        <source>Give at most {EVIDENCE_MAX} characters.</source>
        <translation>最多 {EVIDENCE_MAX} 个字符。</translation>
    </message>
    <message>
        <source>kept</source>
        <translation>已遵守</translation>
    </message>
    <message>
        <source>at risk</source>
        <translation>有风险</translation>
    </message>
    <message>
        <source>broken</source>
        <translation>已违反</translation>
    </message>
    <message>
        <source>not checked</source>
        <translation>未检查</translation>
    </message>
    <message>
        <source>Another process is already running {name} on this database.</source>
        <translation>此数据库上已有另一个进程在运行 {name}。</translation>
    </message>
    <message>
        <source>less than 1%</source>
        <translation>不到 1%</translation>
    </message>
    <message>
        <source>more than 99%</source>
        <translation>超过 99%</translation>
    </message>
    <message>
        <source>{login} may not read pg_partman&apos;s settings ({config}): whether {table} is kept by pg_partman is unknown.</source>
        <extracomment>how many detached tables a sentence names before it says &quot;and N more&quot; the longest one partition can span (a month counts 31 days); None: not a time interval the longest that retention can be (a month counts 31 days); None: unset, or not a time ``pg_partman_bgw.interval`` when the background worker is loaded (None: it is not) the whole ``part_config`` row as read (every column the installed version has)</extracomment>
        <translation>{login} 无权读取 pg_partman 的设置（{config}）：无法得知 {table} 是否由 pg_partman 保管。</translation>
    </message>
    <message>
        <source>Ask the database&apos;s owner to run: GRANT USAGE ON SCHEMA {schema} TO minisip_viewer; GRANT SELECT ON {config} TO minisip_viewer;</source>
        <translation>请数据库所有者执行：GRANT USAGE ON SCHEMA {schema} TO minisip_viewer; GRANT SELECT ON {config} TO minisip_viewer;</translation>
    </message>
    <message>
        <source>dropped</source>
        <extracomment>the longest pg_partman retention, in whole days, that keeps the promise (None: none does with these partitions)</extracomment>
        <translation>被删除</translation>
    </message>
    <message>
        <source>kept as tables</source>
        <translation>作为表保留</translation>
    </message>
    <message>
        <source>Kept by pg_partman {version} ({parent}: partitions of {interval}, retention {retention}, old partitions {keep}): {verdict}.</source>
        <translation>由 pg_partman {version} 保管（{parent}：分区跨度 {interval}，保留期 {retention}，旧分区{keep}）：{verdict}。</translation>
    </message>
    <message>
        <source>Kept by pg_partman {version} ({parent}: partitions of {interval}, retention {retention}, old partitions {keep}; a row lives at most {worst}, the policy allows {allowed}): {verdict}.</source>
        <translation>由 pg_partman {version} 保管（{parent}：分区跨度 {interval}，保留期 {retention}，旧分区{keep}；一行最多存在 {worst}，政策允许 {allowed}）：{verdict}。</translation>
    </message>
    <message>
        <source>{parent} is partitioned by {control} in steps of {interval}, not by time: how long pg_partman keeps a row is unknown.</source>
        <translation>{parent} 按 {control} 以 {interval} 为步长分区，而非按时间：无法得知 pg_partman 会保留一行多久。</translation>
    </message>
    <message>
        <source>pg_partman has no retention for {parent}: it never drops a partition, so every row stays; the policy allows {allowed}.</source>
        <translation>pg_partman 没有为 {parent} 设置保留期：它从不删除分区，所有行都会留下；政策允许 {allowed}。</translation>
    </message>
    <message>
        <source>pg_partman&apos;s retention for {parent} is {retention}, not a time span.</source>
        <translation>pg_partman 为 {parent} 设置的保留期是 {retention}，不是一段时间。</translation>
    </message>
    <message>
        <source>pg_partman&apos;s retention for {parent} is {retention}: longer than the policy&apos;s {days}.</source>
        <translation>pg_partman 为 {parent} 设置的保留期是 {retention}：比政策的 {days} 更长。</translation>
    </message>
    <message>
        <source>Set pg_partman&apos;s retention to at most {days}.</source>
        <translation>请将 pg_partman 的保留期设为最多 {days}。</translation>
    </message>
    <message>
        <source>Use shorter partitions: with partitions of {interval} no retention fits.</source>
        <translation>请使用更短的分区：分区跨度为 {interval} 时，任何保留期都不合适。</translation>
    </message>
    <message>
        <source>Rows of {parent} can live {worst}: pg_partman drops a partition only once all of it is past the retention of {retention}, so its oldest rows wait one more partition interval ({interval}), and then up to {gap} for the next maintenance run; the policy allows {allowed} (its {days} plus the purge interval of {purge}). {fix}</source>
        <translation>{parent} 的行最多可存在 {worst}：pg_partman 只在整个分区都超过 {retention} 的保留期后才删除它，因此其中最旧的行还要多等一个分区跨度（{interval}），再等最多 {gap} 直到下一次维护运行；政策允许 {allowed}（{days} 加上 {purge} 的清理间隔）。{fix}</translation>
    </message>
    <message>
        <source>pg_partman detached {count} of {parent} at its retention and kept {them} ({names}){since}: the rows are still in the database. Drop {them}, and set retention_keep_table to false.</source>
        <translation>pg_partman 在保留期到期时从 {parent} 分离了 {count} 并予以保留（{names}）{since}：这些行仍在数据库中。请删除这些表，并将 retention_keep_table 设为 false。</translation>
    </message>
    <message>
        <source>, the oldest row from {oldest:%Y-%m-%d}</source>
        <translation>，最旧的行来自 {oldest:%Y-%m-%d}</translation>
    </message>
    <message>
        <source>moves them to the schema {schema}</source>
        <translation>把它们移到模式 {schema}</translation>
    </message>
    <message>
        <source>keeps them as tables (retention_keep_table is true)</source>
        <translation>把它们作为表保留（retention_keep_table 为 true）</translation>
    </message>
    <message>
        <source>pg_partman detaches the partitions of {parent} past its retention but {where}: their rows would stay in the database. Set retention_keep_table to false (and no retention_schema).</source>
        <translation>pg_partman 会分离 {parent} 中超过保留期的分区，但{where}：其中的行会留在数据库中。请将 retention_keep_table 设为 false（并且不设 retention_schema）。</translation>
    </message>
    <message>
        <source>The default partition {name} holds rows from {oldest:%Y-%m-%d}, past what the policy allows: pg_partman never drops a default partition&apos;s rows (move them with partman.partition_data_time, or delete them).</source>
        <translation>默认分区 {name} 中有来自 {oldest:%Y-%m-%d} 的行，超出了政策允许的期限：pg_partman 从不删除默认分区中的行（请用 partman.partition_data_time 移动它们，或将其删除）。</translation>
    </message>
    <message>
        <source>Give whole days from 1 to {most:,}, e.g. 29.</source>
        <translation>请给出 1 到 {most:,} 之间的整天数，例如 29。</translation>
    </message>
    <message>
        <source>{table} is not a table pg_partman manages: there is no retention of pg_partman to set.</source>
        <translation>{table} 不是 pg_partman 管理的表：没有可设置的 pg_partman 保留期。</translation>
    </message>
    <message>
        <source>Check the name, or set the console&apos;s own retention policy instead.</source>
        <translation>请检查名称，或改为设置控制台自己的保留政策。</translation>
    </message>
    <message>
        <source>{table} is not a table pg_partman manages.</source>
        <translation>{table} 不是 pg_partman 管理的表。</translation>
    </message>
    <message>
        <source>pg_partman&apos;s maintenance would drop {child}, which holds {rows} of accounts under a legal hold: the console did not run it.</source>
        <translation>pg_partman 的维护会删除 {child}，其中有 {rows} 属于处于法律保全中的账户：控制台没有运行它。</translation>
    </message>
    <message>
        <source>pg_partman cannot keep a held account&apos;s rows. Lengthen its retention for {parent} while the hold lasts, or copy the held rows elsewhere first.</source>
        <translation>pg_partman 无法保留受保全账户的行。请在保全期间延长 {parent} 的保留期，或先把受保全的行复制到别处。</translation>
    </message>
    <message>
        <source>Verified: no row of the set is older than {limit:%Y-%m-%d %H:%M} UTC (the cutoff less one partition interval) and no detached table holds rows.</source>
        <translation>已验证：分区集中没有早于 UTC {limit:%Y-%m-%d %H:%M}（截止时间减去一个分区跨度）的行，且没有分离出的表含有行。</translation>
    </message>
    <message>
        <source>Not verified: {count} detached by pg_partman still {hold} rows ({names}).</source>
        <translation>未验证：pg_partman 分离出的 {count} 仍含有行（{names}）。</translation>
    </message>
    <message>
        <source>Not verified: a row from {oldest:%Y-%m-%d %H:%M} UTC is older than the cutoff less one partition interval ({limit:%Y-%m-%d %H:%M} UTC); the oldest partition is {partition}.</source>
        <translation>未验证：一行来自 UTC {oldest:%Y-%m-%d %H:%M}，早于截止时间减去一个分区跨度（UTC {limit:%Y-%m-%d %H:%M}）；最旧的分区是 {partition}。</translation>
    </message>
    <message>
        <source>{parent} is partitioned by {control} in steps of {interval}, not by time: the console cannot verify what pg_partman keeps, and does not run its maintenance.</source>
        <translation>{parent} 按 {control} 以 {interval} 为步长分区，而非按时间：控制台无法验证 pg_partman 保留了什么，因此不运行它的维护。</translation>
    </message>
    <message>
        <source>Purge a table partitioned by time, or leave this one to pg_partman&apos;s own schedule.</source>
        <translation>请清理按时间分区的表，或让 pg_partman 按它自己的计划处理这张表。</translation>
    </message>
    <message>
        <source>Kept by pg_partman, which has no retention for {parent}: a purge runs its maintenance, which drops nothing.</source>
        <translation>由 pg_partman 保管，但它没有为 {parent} 设置保留期：清理会运行它的维护，而维护不会删除任何内容。</translation>
    </message>
    <message>
        <source>Kept by pg_partman: a purge runs its maintenance, which drops the partitions past its retention of {retention} ({count}), never the console&apos;s cutoff; rows younger than that stay.</source>
        <translation>由 pg_partman 保管：清理会运行它的维护，维护删除超过其 {retention} 保留期的分区（{count}），而不是按控制台的截止时间；比这更新的行会留下。</translation>
    </message>
    <message>
        <source>Kept by pg_partman: its maintenance dropped {dropped} ({rows}){detached}; the console deleted no row itself. {check}</source>
        <translation>由 pg_partman 保管：它的维护删除了 {dropped}（{rows}）{detached}；控制台自己没有删除任何行。{check}</translation>
    </message>
    <message>
        <source> and detached {count}, kept as tables</source>
        <translation>，并分离了 {count}，作为表保留</translation>
    </message>
    <message>
        <source>{what} {holds}</source>
        <translation>{what} {holds}</translation>
    </message>
    <message>
        <source>{name!r} is not a usable target name.</source>
        <extracomment>a target&apos;s name: as a profile&apos;s (1 to 64 letters, digits, dots, dashes, underscores) a column name: the same rule as ``retention``&apos;s for table and column names (never SQL) the keyring entry&apos;s kind: ``target:NAME`` (a profile&apos;s database password is ``db:NAME``) the account column&apos;s real name in the table (None: no account column, legal holds cannot apply)</extracomment>
        <translation>{name!r} 不是可用的目标名称。</translation>
    </message>
    <message>
        <source>Use 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit, e.g. asterisk-cdr.</source>
        <translation>请使用 1 到 64 个字母、数字、点、连字符或下划线，并以字母或数字开头，例如 asterisk-cdr。</translation>
    </message>
    <message>
        <source>The URL is {length:,} characters long; a target&apos;s URL has at most {most}.</source>
        <translation>该 URL 长 {length:,} 个字符；保留目标的 URL 最多 {most} 个字符。</translation>
    </message>
    <message>
        <source>The URL contains a password; a retention target keeps its password only in the OS keyring.</source>
        <translation>该 URL 含有密码；保留目标的密码只保存在操作系统密钥环中。</translation>
    </message>
    <message>
        <source>An SQLite target must be a file, not an in-memory database.</source>
        <translation>SQLite 目标必须是文件，不能是内存数据库。</translation>
    </message>
    <message>
        <source>Use sqlite:////absolute/path/cdr.db.</source>
        <translation>请使用 sqlite:////absolute/path/cdr.db。</translation>
    </message>
    <message>
        <source>Remove it from the URL and pipe the password in: minisip-console retention target add NAME --url URL ... --password-stdin.</source>
        <translation>请从 URL 中删除密码，并通过管道输入密码：minisip-console retention target add NAME --url URL ... --password-stdin。</translation>
    </message>
    <message>
        <source>{value!r} is not a column name ({what}).</source>
        <translation>{value!r} 不是列名（{what}）。</translation>
    </message>
    <message>
        <source>Give a column&apos;s name: letters, digits, _ or $, e.g. calldate.</source>
        <translation>请给出列名：字母、数字、_ 或 $，例如 calldate。</translation>
    </message>
    <message>
        <source>Write {id} once where the account&apos;s number goes, e.g. acct{id} for Asterisk accountcodes like acct42.</source>
        <translation>在账户编号所在位置写一次 {id}，例如 Asterisk 的 accountcode（如 acct42）写作 acct{id}。</translation>
    </message>
    <message>
        <source>{value!r} is not an account format (1 to {most} printable characters).</source>
        <translation>{value!r} 不是账户格式（1 到 {most} 个可打印字符）。</translation>
    </message>
    <message>
        <source>The account format {value!r} must contain {{id}} exactly once.</source>
        <translation>账户格式 {value!r} 必须恰好包含一次 {{id}}。</translation>
    </message>
    <message>
        <source>The account format {value!r} has braces other than {{id}}.</source>
        <translation>账户格式 {value!r} 含有 {{id}} 以外的花括号。</translation>
    </message>
    <message>
        <source>the timestamp column</source>
        <translation>时间戳列</translation>
    </message>
    <message>
        <source>the account column</source>
        <translation>账户列</translation>
    </message>
    <message>
        <source>none yet</source>
        <extracomment>who may do what with the saved targets: the least role and the words of its refusal</extracomment>
        <translation>尚无</translation>
    </message>
    <message>
        <source>No retention target named {name!r} (known: {known}).</source>
        <translation>没有名为 {name!r} 的保留目标（已有：{known}）。</translation>
    </message>
    <message>
        <source>Add one with: minisip-console retention target add NAME --url URL --table T --column C --password-stdin</source>
        <translation>用以下命令添加：minisip-console retention target add NAME --url URL --table T --column C --password-stdin</translation>
    </message>
    <message>
        <source>Retention target {name!r}: {message}</source>
        <translation>保留目标 {name!r}：{message}</translation>
    </message>
    <message>
        <source>The SQLite file {path} does not exist.</source>
        <translation>SQLite 文件 {path} 不存在。</translation>
    </message>
    <message>
        <source>Check the path in the target&apos;s URL.</source>
        <translation>请检查目标 URL 中的路径。</translation>
    </message>
    <message>
        <source>The table {table!r} has no column {column!r} (the account column).</source>
        <translation>表 {table!r} 没有列 {column!r}（账户列）。</translation>
    </message>
    <message>
        <source>Its columns: {columns}.</source>
        <translation>它的列：{columns}。</translation>
    </message>
    <message>
        <source>{table}.{column} is the timestamp column; the account column must be another one.</source>
        <translation>{table}.{column} 是时间戳列；账户列必须是另一列。</translation>
    </message>
    <message>
        <source>{table} has no account column: legal holds cannot keep its rows (name the column with --account-column, e.g. accountcode).</source>
        <translation>{table} 没有账户列：法律保留无法保住其中的记录（请用 --account-column 指定该列，例如 accountcode）。</translation>
    </message>
    <message>
        <source>A retention target named {name!r} exists already.</source>
        <translation>名为 {name!r} 的保留目标已存在。</translation>
    </message>
    <message>
        <source>Remove it first (minisip-console retention target remove {name}) or choose another name.</source>
        <translation>请先删除它（minisip-console retention target remove {name}），或换一个名称。</translation>
    </message>
    <message>
        <source>Retention target {name!r} is an SQLite file: it has no password.</source>
        <translation>保留目标 {name!r} 是 SQLite 文件：它没有密码。</translation>
    </message>
</context>
</TS>
