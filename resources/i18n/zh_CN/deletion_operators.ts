<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>New deletion request</source>
        <translation>新建删除请求</translation>
    </message>
    <message>
        <source>e.g. 42</source>
        <translation>例如 42</translation>
    </message>
    <message>
        <source>the support ticket, e.g. SUP-1234</source>
        <translation>支持工单，例如 SUP-1234</translation>
    </message>
    <message>
        <source>how the customer asked, e.g. email to support (optional)</source>
        <translation>客户的提出方式，例如发邮件给支持团队（可选）</translation>
    </message>
    <message>
        <source>&amp;Account id:</source>
        <translation>账户 ID(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Scope:</source>
        <translation>范围(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Ticket:</source>
        <translation>工单(&amp;T)：</translation>
    </message>
    <message>
        <source>S&amp;ource:</source>
        <translation>来源(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;File request</source>
        <translation>提交请求(&amp;F)</translation>
    </message>
    <message>
        <source>Record what the customer asked for. The request is due in 30 days; another operator approves it.</source>
        <translation>记录客户提出的要求。请求须在 30 天内完成；由另一位操作员批准。</translation>
    </message>
    <message>
        <source>Reject request {id}</source>
        <translation>拒绝请求 {id}</translation>
    </message>
    <message>
        <source>Cancel request {id}</source>
        <translation>取消请求 {id}</translation>
    </message>
    <message>
        <source>What the customer is told (required for another reason)</source>
        <translation>告知客户的内容（选择“其他原因”时必填）</translation>
    </message>
    <message>
        <source>Why it is withdrawn (optional)</source>
        <translation>撤回原因（可选）</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>原因(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>Re&amp;ject request</source>
        <translation>拒绝请求(&amp;J)</translation>
    </message>
    <message>
        <source>Cancel &amp;the request</source>
        <translation>取消该请求(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Keep it</source>
        <translation>保留(&amp;K)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Request {id}: delete {scope} of account {account}, filed by {who} ({ticket}).</source>
        <translation>请求 {id}：删除账户 {account} 的{scope}，由 {who} 提交（{ticket}）。</translation>
    </message>
    <message>
        <source>A rejection for another reason needs a note explaining it.</source>
        <translation>以“其他原因”拒绝时，需要填写备注加以说明。</translation>
    </message>
    <message>
        <source>Deletion certificate of request {id}</source>
        <translation>请求 {id} 的删除证明</translation>
    </message>
    <message>
        <source>Deletion certificate</source>
        <translation>删除证明</translation>
    </message>
    <message>
        <source>All requests</source>
        <translation>全部请求</translation>
    </message>
    <message>
        <source>Open (received, approved, executing, verifying)</source>
        <translation>未结（已接收、已批准、执行中、验证中）</translation>
    </message>
    <message>
        <source>No request is open</source>
        <translation>没有未结的请求</translation>
    </message>
    <message>
        <source>Received: waiting for approval</source>
        <translation>已接收：等待批准</translation>
    </message>
    <message>
        <source>No request is received</source>
        <translation>没有已接收的请求</translation>
    </message>
    <message>
        <source>Approved: waiting to be carried out</source>
        <translation>已批准：等待执行</translation>
    </message>
    <message>
        <source>No request is approved</source>
        <translation>没有已批准的请求</translation>
    </message>
    <message>
        <source>Executing or verifying</source>
        <translation>执行中或验证中</translation>
    </message>
    <message>
        <source>No request is executing or verifying</source>
        <translation>没有执行中或验证中的请求</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>No request is completed</source>
        <translation>没有已完成的请求</translation>
    </message>
    <message>
        <source>Failed verification</source>
        <translation>验证失败</translation>
    </message>
    <message>
        <source>No request is failed verification</source>
        <translation>没有验证失败的请求</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>No request is rejected</source>
        <translation>没有已拒绝的请求</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>No request is cancelled</source>
        <translation>没有已取消的请求</translation>
    </message>
    <message>
        <source>Configurations and uploaded files</source>
        <extracomment>the scopes a request may have (codes)</extracomment>
        <translation>配置和上传的文件</translation>
    </message>
    <message>
        <source>The whole account (all personal data; the account row kept as a tombstone)</source>
        <translation>整个账户（全部个人数据；账户记录作为墓碑保留）</translation>
    </message>
    <message>
        <source>configurations and uploaded files</source>
        <translation>配置和上传的文件</translation>
    </message>
    <message>
        <source>the whole account</source>
        <translation>整个账户</translation>
    </message>
    <message>
        <source>Configurations</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已接收</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>Executing</source>
        <translation>执行中</translation>
    </message>
    <message>
        <source>Verifying</source>
        <translation>验证中</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>The request did not come from the account owner</source>
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
        <source>on time</source>
        <extracomment>urgency -&gt; (background, foreground) of the days-left cell urgency -&gt; (background, text): fields of ui.theme&apos;s Theme</extracomment>
        <translation>按时</translation>
    </message>
    <message>
        <source>due within 7 days</source>
        <translation>7 天内到期</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Filed</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>Carrying out started</source>
        <translation>开始执行</translation>
    </message>
    <message>
        <source>Verified and completed</source>
        <translation>已验证并完成</translation>
    </message>
    <message>
        <source>Verification failed</source>
        <translation>验证失败</translation>
    </message>
    <message>
        <source>less than an hour ago</source>
        <translation>不到一小时前</translation>
    </message>
    <message>
        <source>{count:,} hour ago</source>
        <translation>{count:,} 小时前</translation>
    </message>
    <message>
        <source>{count:,} hours ago</source>
        <translation>{count:,} 小时前</translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <source>{count:,} days ago</source>
        <translation>{count:,} 天前</translation>
    </message>
    <message>
        <source>{days} (overdue)</source>
        <translation>{days}（已逾期）</translation>
    </message>
    <message>
        <source>{date} ({age})</source>
        <translation>{date}（{age}）</translation>
    </message>
    <message>
        <source>Due {date}: {urgency}</source>
        <translation>到期 {date}：{urgency}</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>请求</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>提出时间</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>剩余天数</translation>
    </message>
    <message>
        <source>Green: on time; amber: due within 7 days; red: overdue</source>
        <translation>绿色：按时；琥珀色：7 天内到期；红色：已逾期</translation>
    </message>
    <message>
        <source>Filed by</source>
        <translation>提交人</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>批准人</translation>
    </message>
    <message>
        <source>account {account}, {scope}, ticket {ticket}</source>
        <translation>账户 {account}，{scope}，工单 {ticket}</translation>
    </message>
    <message>
        <source>nothing left</source>
        <translation>无残留</translation>
    </message>
    <message>
        <source>{count:,} item left</source>
        <translation>残留 {count:,} 项</translation>
    </message>
    <message>
        <source>{count:,} items left</source>
        <translation>残留 {count:,} 项</translation>
    </message>
    <message>
        <source>{left}; certificate {digest}…</source>
        <translation>{left}；证明 {digest}…</translation>
    </message>
    <message>
        <source>The privacy policy promises: “When you delete your configurations, we&apos;ll ensure that nothing is stored on our servers.” A request is filed, approved by a second operator, carried out across every table and the file store, verified (nothing may be left) and closed with a certificate for the customer. Requests are due 30 days after they arrive.</source>
        <translation>隐私政策承诺：“当您删除配置时，我们会确保我们的服务器上不保存任何内容。”请求提交后由第二位操作员批准，在所有数据表和文件存储中执行，经验证（不得有任何残留）后，以一份给客户的删除证明结案。请求须在收到后 30 天内完成。</translation>
    </message>
    <message>
        <source>Select a request in the queue first.</source>
        <translation>请先在队列中选择一个请求。</translation>
    </message>
    <message>
        <source>the deletion requests</source>
        <translation>删除请求</translation>
    </message>
    <message>
        <source>The deletion queue could not be read.</source>
        <translation>无法读取删除队列。</translation>
    </message>
    <message>
        <source>Stop the run</source>
        <translation>停止执行</translation>
    </message>
    <message>
        <source>Stop between files or before the rows&apos; transaction commits (Esc); the request stays executing and the next run finishes it</source>
        <translation>在文件之间或数据行事务提交之前停止（ESC 键）；请求保持“执行中”，下次执行时完成</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <extracomment>the one long-action path (ui/long_action.py): approve, the certificate, the run</extracomment>
        <translation>显示(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;New request…</source>
        <translation>新建请求(&amp;N)…</translation>
    </message>
    <message>
        <source>Approv&amp;e</source>
        <translation>批准(&amp;E)</translation>
    </message>
    <message>
        <source>Re&amp;ject…</source>
        <translation>拒绝(&amp;J)…</translation>
    </message>
    <message>
        <source>Cancel re&amp;quest…</source>
        <translation>取消请求(&amp;Q)…</translation>
    </message>
    <message>
        <source>&amp;Run deletion…</source>
        <translation>执行删除(&amp;R)…</translation>
    </message>
    <message>
        <source>Save cer&amp;tificate…</source>
        <translation>保存证明(&amp;T)…</translation>
    </message>
    <message>
        <source>Open cert&amp;ificate</source>
        <translation>打开证明(&amp;I)</translation>
    </message>
    <message>
        <source>Selected request:</source>
        <translation>所选请求：</translation>
    </message>
    <message>
        <source>Deletion requests</source>
        <translation>删除请求</translation>
    </message>
    <message>
        <source>One row per deletion request: its number, state, account, scope, dates, days left, who filed and who approved it</source>
        <translation>每个删除请求一行：编号、状态、账户、范围、日期、剩余天数、提交人和批准人</translation>
    </message>
    <message>
        <source>No deletion requests yet</source>
        <translation>尚无删除请求</translation>
    </message>
    <message>
        <source>Select a request to see its details</source>
        <translation>选择一个请求以查看详情</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>账户：</translation>
    </message>
    <message>
        <source>Scope:</source>
        <translation>范围：</translation>
    </message>
    <message>
        <source>Ticket, source:</source>
        <translation>工单、来源：</translation>
    </message>
    <message>
        <source>Filed:</source>
        <translation>提交：</translation>
    </message>
    <message>
        <source>Due:</source>
        <translation>到期：</translation>
    </message>
    <message>
        <source>Decision:</source>
        <translation>决定：</translation>
    </message>
    <message>
        <source>Rejection reason:</source>
        <translation>拒绝原因：</translation>
    </message>
    <message>
        <source>Carried out:</source>
        <translation>执行：</translation>
    </message>
    <message>
        <source>Completed:</source>
        <translation>完成：</translation>
    </message>
    <message>
        <source>Certificate SHA-256:</source>
        <translation>证明 SHA-256：</translation>
    </message>
    <message>
        <source>Audit head:</source>
        <translation>审计链头：</translation>
    </message>
    <message>
        <source>Table or store</source>
        <translation>数据表或存储</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>残留</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>One row per table or store checked after the run, with the rows left for the account</source>
        <translation>执行后检查的每个数据表或存储一行，以及该账户的残留行数</translation>
    </message>
    <message>
        <source>Verification: not run yet</source>
        <translation>验证：尚未进行</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>One row per event of the selected request: when, which operator, what happened</source>
        <translation>所选请求的每个事件一行：时间、操作员、发生了什么</translation>
    </message>
    <message>
        <source>Timeline (from the audit log):</source>
        <translation>时间线（来自审计日志）：</translation>
    </message>
    <message>
        <source>Details of the selected request</source>
        <translation>所选请求的详情</translation>
    </message>
    <message>
        <source>Reading the deletion queue…</source>
        <translation>正在读取删除队列…</translation>
    </message>
    <message>
        <source>When a customer asks to delete their configurations or their account, file the request with New request…; a second operator approves it, then it is carried out and verified here.</source>
        <translation>当客户要求删除其配置或账户时，请用“新建请求…”提交请求；由第二位操作员批准后，在此执行并验证。</translation>
    </message>
    <message>
        <source>{count:,} request in other states: choose All requests in Show.</source>
        <translation>其他状态下有 {count:,} 个请求：在“显示”中选择“全部请求”。</translation>
    </message>
    <message>
        <source>{count:,} requests in other states: choose All requests in Show.</source>
        <translation>其他状态下有 {count:,} 个请求：在“显示”中选择“全部请求”。</translation>
    </message>
    <message>
        <source>{count:,} request of {total:,}</source>
        <translation>{count:,} 个请求（共 {total:,} 个）</translation>
    </message>
    <message>
        <source>{count:,} requests of {total:,}</source>
        <translation>{count:,} 个请求（共 {total:,} 个）</translation>
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
        <source>{requests} · {overdue:,} overdue</source>
        <translation>{requests} · {overdue:,} 个已逾期</translation>
    </message>
    <message>
        <source>Verification: —</source>
        <translation>验证：—</translation>
    </message>
    <message>
        <source>Request {id}: {state}</source>
        <translation>请求 {id}：{state}</translation>
    </message>
    <message>
        <source>{when} by {who}</source>
        <translation>{when}，由 {who}</translation>
    </message>
    <message>
        <source>{count:,} day overdue</source>
        <translation>已逾期 {count:,} 天</translation>
    </message>
    <message>
        <source>{count:,} days overdue</source>
        <translation>已逾期 {count:,} 天</translation>
    </message>
    <message>
        <source>{count:,} day left</source>
        <translation>剩余 {count:,} 天</translation>
    </message>
    <message>
        <source>{count:,} days left</source>
        <translation>剩余 {count:,} 天</translation>
    </message>
    <message>
        <source>{due} ({days})</source>
        <translation>{due}（{days}）</translation>
    </message>
    <message>
        <source>Waiting for a second operator&apos;s approval</source>
        <translation>等待第二位操作员批准</translation>
    </message>
    <message>
        <source>Rejected by {who} on {when}</source>
        <translation>由 {who} 于 {when} 拒绝</translation>
    </message>
    <message>
        <source>Cancelled by {who} on {when}</source>
        <translation>由 {who} 于 {when} 取消</translation>
    </message>
    <message>
        <source>Approved by {who} on {when}</source>
        <translation>由 {who} 于 {when} 批准</translation>
    </message>
    <message>
        <source>Cancelled by its filer or an admin: {note}</source>
        <translation>已由提交人或管理员取消：{note}</translation>
    </message>
    <message>
        <source>Cancelled by its filer or an admin</source>
        <translation>已由提交人或管理员取消</translation>
    </message>
    <message>
        <source>{reason}
Note: {note}</source>
        <translation>{reason}
备注：{note}</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <source>Check it later: minisip-console audit verify --expect-head {head}</source>
        <translation>日后核对：minisip-console audit verify --expect-head {head}</translation>
    </message>
    <message>
        <source>Verified: nothing left in {count:,} place checked</source>
        <translation>已验证：检查的 {count:,} 处均无残留</translation>
    </message>
    <message>
        <source>Verified: nothing left in {count:,} places checked</source>
        <translation>已验证：检查的 {count:,} 处均无残留</translation>
    </message>
    <message>
        <source>Not verified: {count:,} item left</source>
        <translation>未通过验证：残留 {count:,} 项</translation>
    </message>
    <message>
        <source>Not verified: {count:,} items left</source>
        <translation>未通过验证：残留 {count:,} 项</translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation>未连接。</translation>
    </message>
    <message>
        <source>A deletion is being carried out: wait for it to finish or stop it.</source>
        <translation>正在执行删除：请等待其完成或将其停止。</translation>
    </message>
    <message>
        <source>&amp;Resume deletion…</source>
        <translation>继续删除(&amp;R)…</translation>
    </message>
    <message>
        <source>Record a customer&apos;s deletion request (due in 30 days)</source>
        <translation>记录客户的删除请求（30 天内到期）</translation>
    </message>
    <message>
        <source>Approve request {id} as the second operator (four eyes)</source>
        <translation>作为第二位操作员批准请求 {id}（四眼原则）</translation>
    </message>
    <message>
        <source>Reject request {id} with a reason the customer is told</source>
        <translation>拒绝请求 {id}，并给出告知客户的原因</translation>
    </message>
    <message>
        <source>Withdraw request {id} before it starts</source>
        <translation>在请求 {id} 开始执行前将其撤回</translation>
    </message>
    <message>
        <source>Delete everything request {id} covers, across every table and the file store, then verify (asks first)</source>
        <translation>在所有数据表和文件存储中删除请求 {id} 涵盖的全部内容，然后验证（会先确认）</translation>
    </message>
    <message>
        <source>The deletion certificate of request {id}, for the customer</source>
        <translation>请求 {id} 的删除证明，供客户使用</translation>
    </message>
    <message>
        <source>Filed request {id} for account {account} ({scope}); due {date}.</source>
        <translation>已为账户 {account} 提交请求 {id}（{scope}）；到期日 {date}。</translation>
    </message>
    <message>
        <source>Approved request {id}: it can now be carried out.</source>
        <translation>已批准请求 {id}：现在可以执行。</translation>
    </message>
    <message>
        <source>Rejected request {id}.</source>
        <translation>已拒绝请求 {id}。</translation>
    </message>
    <message>
        <source>Cancelled request {id}.</source>
        <translation>已取消请求 {id}。</translation>
    </message>
    <message>
        <source>Carry out a deletion request</source>
        <translation>执行删除请求</translation>
    </message>
    <message>
        <source>Delete {scope} of account {account} (request {id})?</source>
        <translation>删除账户 {account} 的{scope}（请求 {id}）？</translation>
    </message>
    <message>
        <source>Every table that holds them and the file store are emptied, then checked: the request completes only when nothing is left. This cannot be undone. You can stop the run; the next run then finishes it.</source>
        <translation>保存这些数据的每个数据表以及文件存储都会被清空，然后检查：只有在没有任何残留时请求才会完成。此操作无法撤销。您可以停止执行；下次执行时会完成它。</translation>
    </message>
    <message>
        <source>&amp;Delete and verify</source>
        <translation>删除并验证(&amp;D)</translation>
    </message>
    <message>
        <source>Not carried out: nothing was deleted.</source>
        <translation>未执行：没有删除任何内容。</translation>
    </message>
    <message>
        <source>Carrying out request {id}…</source>
        <translation>正在执行请求 {id}…</translation>
    </message>
    <message>
        <source>Request {id} completed: {count:,} item deleted, verified that nothing is left; certificate SHA-256 {digest}.</source>
        <translation>请求 {id} 已完成：已删除 {count:,} 项，并验证无任何残留；证明 SHA-256 {digest}。</translation>
    </message>
    <message>
        <source>Request {id} completed: {count:,} items deleted, verified that nothing is left; certificate SHA-256 {digest}.</source>
        <translation>请求 {id} 已完成：已删除 {count:,} 项，并验证无任何残留；证明 SHA-256 {digest}。</translation>
    </message>
    <message>
        <source>{count:,} file was already missing from the store.</source>
        <translation>有 {count:,} 个文件此前已不在存储中。</translation>
    </message>
    <message>
        <source>{count:,} files were already missing from the store.</source>
        <translation>有 {count:,} 个文件此前已不在存储中。</translation>
    </message>
    <message>
        <source>{text} {missing}</source>
        <translation>{text}{missing}</translation>
    </message>
    <message>
        <source>Request {id} completed and verified.</source>
        <translation>请求 {id} 已完成并通过验证。</translation>
    </message>
    <message>
        <source>Request {id} failed verification: {count:,} item still belongs to account {account}.</source>
        <translation>请求 {id} 验证失败：仍有 {count:,} 项属于账户 {account}。</translation>
    </message>
    <message>
        <source>Request {id} failed verification: {count:,} items still belong to account {account}.</source>
        <translation>请求 {id} 验证失败：仍有 {count:,} 项属于账户 {account}。</translation>
    </message>
    <message>
        <source>See the verification counts in the details; run it again after fixing the cause.</source>
        <translation>请查看详情中的验证计数；排除原因后再次执行。</translation>
    </message>
    <message>
        <source>Request {id} was not carried out: </source>
        <translation>请求 {id} 未执行：</translation>
    </message>
    <message>
        <source>Save the certificate of request {id}</source>
        <translation>保存请求 {id} 的证明</translation>
    </message>
    <message>
        <source>Web page for the customer (*.html)</source>
        <translation>给客户的网页 (*.html)</translation>
    </message>
    <message>
        <source>Saved the certificate of request {id} to {path} (SHA-256 {digest}).</source>
        <translation>已将请求 {id} 的证明保存到 {path}（SHA-256 {digest}）。</translation>
    </message>
    <message>
        <source>Add an operator</source>
        <translation>添加操作员</translation>
    </message>
    <message>
        <source>They open the console with their own PostgreSQL login: the database creates it (or links an existing login of that name) and gives it the role&apos;s rights.</source>
        <translation>他们使用自己的 PostgreSQL 登录名打开控制台：数据库会创建该登录名（或关联同名的现有登录名），并授予该角色的权限。</translation>
    </message>
    <message>
        <source>On an SQLite file an operator is the OS login they open the file with; no password is kept.</source>
        <translation>在 SQLite 文件上，操作员就是打开该文件的操作系统登录名；不保存任何密码。</translation>
    </message>
    <message>
        <source>their database login, e.g. jsmith</source>
        <translation>其数据库登录名，例如 zhang_san</translation>
    </message>
    <message>
        <source>their OS login, e.g. jsmith</source>
        <translation>其操作系统登录名，例如 zhang_san</translation>
    </message>
    <message>
        <source>their full name, e.g. Jane Smith</source>
        <translation>其全名，例如 张三</translation>
    </message>
    <message>
        <source>their first password (empty: link an existing login)</source>
        <translation>其初始密码（留空：关联现有登录名）</translation>
    </message>
    <message>
        <source>the same password again</source>
        <translation>再次输入相同密码</translation>
    </message>
    <message>
        <source>&amp;Login:</source>
        <translation>登录名(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>角色(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Con&amp;firm password:</source>
        <translation>确认密码(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Add operator</source>
        <translation>添加操作员(&amp;A)</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>Change the role of {name}</source>
        <translation>更改 {name} 的角色</translation>
    </message>
    <message>
        <source>{name} ({login}) is {role}.</source>
        <translation>{name}（{login}）的角色是{role}。</translation>
    </message>
    <message>
        <source>{name} ({login}) is disabled (was {role}): the role chosen here enables them again.</source>
        <translation>{name}（{login}）已停用（原角色为{role}）：在此选择的角色会重新启用其账号。</translation>
    </message>
    <message>
        <source>New &amp;role:</source>
        <translation>新角色(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Change role</source>
        <translation>更改角色(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Enable with this role</source>
        <translation>以此角色启用(&amp;E)</translation>
    </message>
    <message>
        <source>{name} already has this role.</source>
        <translation>{name} 已经是此角色。</translation>
    </message>
    <message>
        <source>Viewer</source>
        <extracomment>the roles, least privilege first (the add dialog&apos;s default is the first)</extracomment>
        <translation>查看者</translation>
    </message>
    <message>
        <source>Approver</source>
        <translation>审批者</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>Yes</source>
        <extracomment>the operator at the console as the database now has them (their role may have changed since connecting)</extracomment>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>No (disabled)</source>
        <translation>否（已停用）</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>登录名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Can log in</source>
        <translation>可登录</translation>
    </message>
    <message>
        <source>Whether their PostgreSQL login may connect (a disabled operator&apos;s may not)</source>
        <translation>其 PostgreSQL 登录名能否连接（已停用的操作员不能）</translation>
    </message>
    <message>
        <source>Operators are the people who may use this console, each with a role. Admins add them, change their role and disable them; every change is in the audit log.</source>
        <translation>操作员是可以使用本控制台的人员，每人有一个角色。管理员负责添加操作员、更改其角色和停用操作员；每项更改都记入审计日志。</translation>
    </message>
    <message>
        <source>On PostgreSQL each operator connects with their own database login: adding one creates that login (or links an existing one), disabling one stops it from logging in.</source>
        <translation>在 PostgreSQL 上，每位操作员使用自己的数据库登录名连接：添加操作员会创建该登录名（或关联现有登录名），停用操作员会禁止其登录。</translation>
    </message>
    <message>
        <source>On this SQLite file an operator is an OS login; no password is kept.</source>
        <translation>在此 SQLite 文件上，操作员就是操作系统登录名；不保存任何密码。</translation>
    </message>
    <message>
        <source>On the demo database an operator is a name the presenter switches to; no password is kept.</source>
        <translation>在演示数据库上，操作员是演示者切换使用的名字；不保存任何密码。</translation>
    </message>
    <message>
        <source>the operators</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>The operators could not be read.</source>
        <translation>无法读取操作员列表。</translation>
    </message>
    <message>
        <source>Add opera&amp;tor…</source>
        <extracomment>the one long-action path (ui/long_action.py): add, change role, disable, one at a time</extracomment>
        <translation>添加操作员(&amp;T)…</translation>
    </message>
    <message>
        <source>Change &amp;role…</source>
        <translation>更改角色(&amp;R)…</translation>
    </message>
    <message>
        <source>Di&amp;sable…</source>
        <translation>停用(&amp;S)…</translation>
    </message>
    <message>
        <source>Operators</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>One row per operator: login, name, role, whether active and whether they can log in</source>
        <translation>每位操作员一行：登录名、姓名、角色、是否启用以及能否登录</translation>
    </message>
    <message>
        <source>No operators yet</source>
        <translation>尚无操作员</translation>
    </message>
    <message>
        <source>Nobody may use this database until its first admin is named with minisip-console operators add LOGIN --role admin --name NAME (on PostgreSQL, run by the schema owner). Then the admin adds the others here.</source>
        <translation>在用 minisip-console operators add LOGIN --role admin --name NAME 指定第一位管理员之前（在 PostgreSQL 上由模式所有者运行），任何人都不能使用此数据库。之后由管理员在此添加其他人。</translation>
    </message>
    <message>
        <source>Reading the operators…</source>
        <translation>正在读取操作员…</translation>
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
        <source>{operators} · {active:,} active, {disabled:,} disabled</source>
        <translation>{operators} · {active:,} 位启用，{disabled:,} 位停用</translation>
    </message>
    <message>
        <source>Register a new operator: their login, name and role</source>
        <translation>登记新操作员：登录名、姓名和角色</translation>
    </message>
    <message>
        <source>Give the selected operator another role (a disabled one is enabled again)</source>
        <translation>为所选操作员更换角色（已停用的会重新启用）</translation>
    </message>
    <message>
        <source>Disable the selected operator (asks first)</source>
        <translation>停用所选操作员（会先确认）</translation>
    </message>
    <message>
        <source>A change is being saved: wait for it to finish.</source>
        <translation>正在保存更改：请等待其完成。</translation>
    </message>
    <message>
        <source>Select an operator in the list first.</source>
        <translation>请先在列表中选择一位操作员。</translation>
    </message>
    <message>
        <source>{name} is already disabled; Change role… enables them again.</source>
        <translation>{name} 已停用；“更改角色…”可重新启用。</translation>
    </message>
    <message>
        <source>Their database login will no longer be able to log in.</source>
        <translation>其数据库登录名将无法再登录。</translation>
    </message>
    <message>
        <source>They will no longer be able to open this database.</source>
        <translation>其将无法再打开此数据库。</translation>
    </message>
    <message>
        <source>Disable an operator</source>
        <translation>停用操作员</translation>
    </message>
    <message>
        <source>Disable {name} ({login}), {role}?</source>
        <translation>停用{role} {name}（{login}）？</translation>
    </message>
    <message>
        <source>{effect} Their past actions stay in the audit log; an admin can enable them again with Change role….</source>
        <translation>{effect}其过往操作仍保留在审计日志中；管理员可通过“更改角色…”重新启用。</translation>
    </message>
    <message>
        <source>Di&amp;sable {name}</source>
        <translation>停用 {name}(&amp;S)</translation>
    </message>
    <message>
        <source>{name} was not disabled.</source>
        <translation>{name} 未被停用。</translation>
    </message>
    <message>
        <source>Adding {login}…</source>
        <translation>正在添加 {login}…</translation>
    </message>
    <message>
        <source>Changing the role of {login}…</source>
        <translation>正在更改 {login} 的角色…</translation>
    </message>
    <message>
        <source>Disabling {login}…</source>
        <translation>正在停用 {login}…</translation>
    </message>
    <message>
        <source>Added {name} ({login}) as {role}. Their database login was created with the password given.</source>
        <translation>已将 {name}（{login}）添加为{role}。其数据库登录名已使用所给密码创建。</translation>
    </message>
    <message>
        <source>Added {name} ({login}) as {role}. Their database login was created without a password.</source>
        <translation>已将 {name}（{login}）添加为{role}。其数据库登录名已创建，未设密码。</translation>
    </message>
    <message>
        <source>Added {name} ({login}) as {role}. They log in with the existing database login {login}; its password is unchanged.</source>
        <translation>已将 {name}（{login}）添加为{role}。其使用现有数据库登录名 {login} 登录；密码不变。</translation>
    </message>
    <message>
        <source>Added {name} ({login}) as {role}.</source>
        <translation>已将 {name}（{login}）添加为{role}。</translation>
    </message>
    <message>
        <source>{name} ({login}) is now {role}.</source>
        <translation>{name}（{login}）现在的角色是{role}。</translation>
    </message>
    <message>
        <source>{name} ({login}) is now {role} and active again.</source>
        <translation>{name}（{login}）现在的角色是{role}，并已重新启用。</translation>
    </message>
    <message>
        <source>Disabled {name} ({login}): their database login can no longer log in.</source>
        <translation>已停用 {name}（{login}）：其数据库登录名无法再登录。</translation>
    </message>
    <message>
        <source>Disabled {name} ({login}): they can no longer open this database.</source>
        <translation>已停用 {name}（{login}）：其无法再打开此数据库。</translation>
    </message>
</context>
</TS>
