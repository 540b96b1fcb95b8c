<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>New policy version</source>
        <translation>新建政策版本</translation>
    </message>
    <message>
        <source>major.minor, e.g. 1.2</source>
        <translation>主版本.次版本，例如 1.2</translation>
    </message>
    <message>
        <source>YYYY-MM-DD, e.g. 2027-01-31</source>
        <translation>YYYY-MM-DD，例如 2027-01-31</translation>
    </message>
    <message>
        <source>YYYY-MM-DD: when data moves to the acquirer</source>
        <translation>YYYY-MM-DD：数据转移给收购方的日期</translation>
    </message>
    <message>
        <source>what changes and why, for the owners</source>
        <translation>变更内容及原因，供账户所有者阅读</translation>
    </message>
    <message>
        <source>&amp;Number:</source>
        <translation>版本号(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Effective date:</source>
        <translation>生效日期(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <source>T&amp;ransfer date:</source>
        <translation>转移日期(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Summary:</source>
        <translation>摘要(&amp;S)：</translation>
    </message>
    <message>
        <source>Te&amp;xt (Markdown):</source>
        <translation>正文（MD 格式）(&amp;X)：</translation>
    </message>
    <message>
        <source>&amp;Draft version</source>
        <translation>起草版本(&amp;D)</translation>
    </message>
    <message>
        <source>Is version {number} significant?</source>
        <translation>版本 {number} 是否属于重大变更？</translation>
    </message>
    <message>
        <source>&amp;Significant: every account owner is emailed (or told on the site)</source>
        <translation>重大变更(&amp;S)：向每位账户所有者发送邮件（或在网站上告知）</translation>
    </message>
    <message>
        <source>&amp;Minor: no notice is needed</source>
        <translation>次要变更(&amp;M)：无需通知</translation>
    </message>
    <message>
        <source>Why (3 to 500 characters, recorded in the audit log)</source>
        <translation>理由（3 到 500 个字符，记入审计日志）</translation>
    </message>
    <message>
        <source>Version {number}: {summary}</source>
        <translation>版本 {number}：{summary}</translation>
    </message>
    <message>
        <source>no summary</source>
        <translation>无摘要</translation>
    </message>
    <message>
        <source>R&amp;eason:</source>
        <translation>理由(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Record decision</source>
        <translation>记录决定(&amp;R)</translation>
    </message>
    <message>
        <source>Site notice about version {number}</source>
        <translation>关于版本 {number} 的网站通知</translation>
    </message>
    <message>
        <source>optional, e.g. 2027-03-31</source>
        <translation>可选，例如 2027-03-31</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>标题(&amp;T)：</translation>
    </message>
    <message>
        <source>Te&amp;xt:</source>
        <translation>正文(&amp;X)：</translation>
    </message>
    <message>
        <source>Shown &amp;from (UTC):</source>
        <translation>显示起始（UTC）(&amp;F)：</translation>
    </message>
    <message>
        <source>Shown &amp;until (UTC):</source>
        <translation>显示截止（UTC）(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Publish notice</source>
        <translation>发布通知(&amp;P)</translation>
    </message>
    <message>
        <source>Uncertain: the message was handed to the mail server, but the console stopped before it recorded the answer. Check the mail server&apos;s log, then confirm the delivery or send it again: nothing is resent on its own. Bounced: the server accepted the message and a bounce came back later; the owners whom email did not reach need the site notice.</source>
        <translation>不确定：邮件已交给邮件服务器，但控制台在记录服务器答复之前停止了。请查看邮件服务器的日志，然后确认已送达或重新发送：系统不会自动重发。退信：服务器接受了邮件，之后收到了退信；邮件未能送达的账户所有者需要通过网站通知告知。</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账户</translation>
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
        <source>Deliveries of policy version {number}</source>
        <translation>政策版本 {number} 的投递记录</translation>
    </message>
    <message>
        <source>Every state</source>
        <translation>所有状态</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>显示(&amp;S)：</translation>
    </message>
    <message>
        <source>Delivery ledger</source>
        <translation>投递台账</translation>
    </message>
    <message>
        <source>One row per account of the version&apos;s campaign: the masked owner, the delivery state, attempts, the server&apos;s reply and the last change</source>
        <translation>该版本邮件活动中的每个账户一行：脱敏后的所有者、投递状态、尝试次数、服务器答复和最近更改时间</translation>
    </message>
    <message>
        <source>Confirm &amp;delivered</source>
        <extracomment>the core&apos;s answer for each of the ledger&apos;s actions (``policy_versions.refusal``): &quot;&quot; when allowed</extracomment>
        <translation>确认已送达(&amp;D)</translation>
    </message>
    <message>
        <source>Send a&amp;gain</source>
        <translation>重新发送(&amp;G)</translation>
    </message>
    <message>
        <source>Mark &amp;bounced…</source>
        <translation>标记为退信(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Import bounces…</source>
        <translation>导入退信(&amp;I)…</translation>
    </message>
    <message>
        <source>{count:,} delivery {state}</source>
        <extracomment>every decision runs on the one long-action path (ui/long_action.py), one at a time</extracomment>
        <translation>{count:,} 条投递（{state}）</translation>
    </message>
    <message>
        <source>{count:,} deliveries {state}</source>
        <translation>{count:,} 条投递（{state}）</translation>
    </message>
    <message>
        <source>{count:,} delivery</source>
        <translation>{count:,} 条投递</translation>
    </message>
    <message>
        <source>{count:,} deliveries</source>
        <translation>{count:,} 条投递</translation>
    </message>
    <message>
        <source>Select uncertain deliveries first</source>
        <translation>请先选择状态为“不确定”的投递</translation>
    </message>
    <message>
        <source>Select sent deliveries first (a bounce comes back after the server accepted the message)</source>
        <translation>请先选择状态为“已发送”的投递（退信是在服务器接受邮件之后返回的）</translation>
    </message>
    <message>
        <source>{count:,} uncertain delivery queued again: Send resumes the campaign and sends them.</source>
        <translation>{count:,} 条不确定的投递已重新排队：“发送”会继续邮件活动并发送它们。</translation>
    </message>
    <message>
        <source>{count:,} uncertain deliveries queued again: Send resumes the campaign and sends them.</source>
        <translation>{count:,} 条不确定的投递已重新排队：“发送”会继续邮件活动并发送它们。</translation>
    </message>
    <message>
        <source>{count:,} uncertain delivery recorded as delivered.</source>
        <translation>{count:,} 条不确定的投递已记录为已送达。</translation>
    </message>
    <message>
        <source>{count:,} uncertain deliveries recorded as delivered.</source>
        <translation>{count:,} 条不确定的投递已记录为已送达。</translation>
    </message>
    <message>
        <source>Mark bounced</source>
        <translation>标记为退信</translation>
    </message>
    <message>
        <source>The bounce&apos;s reason for {count:,} delivery:</source>
        <translation>{count:,} 条投递的退信原因：</translation>
    </message>
    <message>
        <source>The bounce&apos;s reason for {count:,} deliveries:</source>
        <translation>{count:,} 条投递的退信原因：</translation>
    </message>
    <message>
        <source>Import bounces</source>
        <translation>导入退信</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>{count:,} delivery marked bounced.</source>
        <translation>{count:,} 条投递已标记为退信。</translation>
    </message>
    <message>
        <source>{count:,} deliveries marked bounced.</source>
        <translation>{count:,} 条投递已标记为退信。</translation>
    </message>
    <message>
        <source>Skipped {listed} and {more:,} more.</source>
        <translation>已跳过 {listed}，另有 {more:,} 条。</translation>
    </message>
    <message>
        <source>Skipped {listed}.</source>
        <translation>已跳过 {listed}。</translation>
    </message>
    <message>
        <source>{marked} {skipped}</source>
        <translation>{marked}{skipped}</translation>
    </message>
    <message>
        <source>changed</source>
        <extracomment>a diff line&apos;s background: fields of ui.theme&apos;s Theme (its text is the theme&apos;s banner_text)</extracomment>
        <translation>已更改</translation>
    </message>
    <message>
        <source>added</source>
        <translation>已添加</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>bounced</source>
        <translation>退信</translation>
    </message>
    <message>
        <source>uncertain</source>
        <translation>不确定</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>sending</source>
        <translation>发送中</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Bounced</source>
        <translation>退信</translation>
    </message>
    <message>
        <source>Uncertain</source>
        <translation>不确定</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>发送中</translation>
    </message>
    <message>
        <source>policy</source>
        <translation>政策</translation>
    </message>
    <message>
        <source>acquisition</source>
        <translation>收购</translation>
    </message>
    <message>
        <source>undecided</source>
        <translation>未决定</translation>
    </message>
    <message>
        <source>significant</source>
        <translation>重大</translation>
    </message>
    <message>
        <source>minor</source>
        <translation>次要</translation>
    </message>
    <message>
        <source>sent {sent:,} · failed {failed:,} · uncertain {uncertain:,} · queued {queued:,} · {rate:,.1f} messages/s</source>
        <translation>已发送 {sent:,} · 失败 {failed:,} · 不确定 {uncertain:,} · 排队中 {queued:,} · 每秒 {rate:,.1f} 封</translation>
    </message>
    <message>
        <source>— (draft)</source>
        <translation>—（草稿）</translation>
    </message>
    <message>
        <source>A draft reaches nobody until it is published.</source>
        <translation>草稿在发布之前不会通知到任何人。</translation>
    </message>
    <message>
        <source>Not emailed (minor change)</source>
        <translation>不发邮件（次要变更）</translation>
    </message>
    <message>
        <source>A minor change needs no notice.</source>
        <translation>次要变更无需通知。</translation>
    </message>
    <message>
        <source>Everyone reached (email and a site notice)</source>
        <translation>已通知到所有人（邮件和网站通知）</translation>
    </message>
    <message>
        <source>Everyone reached (email)</source>
        <translation>已通知到所有人（邮件）</translation>
    </message>
    <message>
        <source>sent {sent:,} · failed {failed:,} · bounced {bounced:,}</source>
        <translation>已发送 {sent:,} · 失败 {failed:,} · 退信 {bounced:,}</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>有问题</translation>
    </message>
    <message>
        <source>The privacy policy promises: “we&apos;ll notify you about significant changes by emailing the account owner or by placing a prominent notice on our site.” A version is drafted, an approver decides whether it is significant, an admin publishes it; a significant one is emailed to every owner, and where email fails a site notice makes up for it.</source>
        <translation>隐私政策承诺：“对于重大变更，我们会通过向账户所有者发送电子邮件或在网站上发布醒目通知的方式告知您。”版本先起草，由审批者决定是否属于重大变更，再由管理员发布；重大变更会通过邮件发给每位所有者，邮件未能送达时由网站通知补足。</translation>
    </message>
    <message>
        <source>Campaign {id} created; emailing the owners…</source>
        <translation>邮件活动 {id} 已创建；正在向所有者发送邮件…</translation>
    </message>
    <message>
        <source>Select a version in the list first.</source>
        <translation>请先在列表中选择一个版本。</translation>
    </message>
    <message>
        <source>the privacy policy versions</source>
        <translation>隐私政策版本</translation>
    </message>
    <message>
        <source>The policy versions could not be read.</source>
        <translation>无法读取政策版本。</translation>
    </message>
    <message>
        <source>Pause</source>
        <extracomment>the one long-action path (ui/long_action.py)</extracomment>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Stop after the current message (Esc); Send resumes where it stopped</source>
        <translation>发完当前邮件后停止（ESC 键）；“发送”会从停止处继续</translation>
    </message>
    <message>
        <source> · pausing…</source>
        <translation> · 正在暂停…</translation>
    </message>
    <message>
        <source>&amp;New version…</source>
        <translation>新建版本(&amp;N)…</translation>
    </message>
    <message>
        <source>Decide &amp;significance…</source>
        <translation>决定是否重大(&amp;S)…</translation>
    </message>
    <message>
        <source>Pu&amp;blish</source>
        <translation>发布(&amp;B)</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Effective</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <source>Significance</source>
        <translation>重要性</translation>
    </message>
    <message>
        <source>Published (UTC)</source>
        <translation>发布时间（UTC）</translation>
    </message>
    <message>
        <source>Reach</source>
        <translation>通知覆盖</translation>
    </message>
    <message>
        <source>Policy versions</source>
        <translation>政策版本</translation>
    </message>
    <message>
        <source>One row per version of the privacy policy: its kind, effective date, significance and reach</source>
        <translation>隐私政策的每个版本一行：类型、生效日期、重要性和通知覆盖情况</translation>
    </message>
    <message>
        <source>No policy versions yet</source>
        <translation>尚无政策版本</translation>
    </message>
    <message>
        <source>Draft the first version of the privacy policy with New version…; an approver decides whether it is significant and an admin publishes it.</source>
        <translation>用“新建版本…”起草隐私政策的第一个版本；由审批者决定是否属于重大变更，再由管理员发布。</translation>
    </message>
    <message>
        <source>Publish si&amp;te notice…</source>
        <translation>发布网站通知(&amp;T)…</translation>
    </message>
    <message>
        <source>Select a version to see its details</source>
        <translation>选择一个版本以查看详情</translation>
    </message>
    <message>
        <source>Policy version details</source>
        <translation>政策版本详情</translation>
    </message>
    <message>
        <source>Chan&amp;ges</source>
        <translation>变更(&amp;G)</translation>
    </message>
    <message>
        <source>Ema&amp;il campaign</source>
        <translation>邮件活动(&amp;I)</translation>
    </message>
    <message>
        <source>Co&amp;mpare with:</source>
        <translation>比较对象(&amp;M)：</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Compared version</source>
        <translation>比较的版本</translation>
    </message>
    <message>
        <source>Selected version</source>
        <translation>所选版本</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>The selected version&apos;s text beside the compared version&apos;s, line by line</source>
        <translation>所选版本的正文与比较版本的正文逐行并排显示</translation>
    </message>
    <message>
        <source>No other version to compare with</source>
        <translation>没有其他版本可比较</translation>
    </message>
    <message>
        <source>Email body, plain text</source>
        <translation>邮件正文（纯文本）</translation>
    </message>
    <message>
        <source>Email body, HTML</source>
        <translation>邮件正文（HTML）</translation>
    </message>
    <message>
        <source>Email body</source>
        <translation>邮件正文</translation>
    </message>
    <message>
        <source>Plain text</source>
        <translation>纯文本</translation>
    </message>
    <message>
        <source>Sub&amp;ject:</source>
        <translation>主题(&amp;J)：</translation>
    </message>
    <message>
        <source>Body:</source>
        <translation>正文：</translation>
    </message>
    <message>
        <source>Link:</source>
        <translation>链接：</translation>
    </message>
    <message>
        <source>account id, e.g. 3</source>
        <translation>账户 ID，例如 3</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Render the email the owner of this account would get (Enter)</source>
        <translation>生成该账户所有者将收到的邮件（回车键）</translation>
    </message>
    <message>
        <source>Preview for account:</source>
        <translation>预览账户：</translation>
    </message>
    <message>
        <source>Rendered text preview</source>
        <translation>文本预览</translation>
    </message>
    <message>
        <source>Rendered HTML preview</source>
        <translation>HTML 预览</translation>
    </message>
    <message>
        <source>Email preview</source>
        <translation>邮件预览</translation>
    </message>
    <message>
        <source>Rendered HTML</source>
        <translation>HTML 效果</translation>
    </message>
    <message>
        <source>Rendered text</source>
        <translation>文本效果</translation>
    </message>
    <message>
        <source>&amp;Mail server…</source>
        <translation>邮件服务器(&amp;M)…</translation>
    </message>
    <message>
        <source>S&amp;end…</source>
        <translation>发送(&amp;E)…</translation>
    </message>
    <message>
        <source>Mail server: not set</source>
        <translation>邮件服务器：未设置</translation>
    </message>
    <message>
        <source>Ledger: —</source>
        <translation>台账：—</translation>
    </message>
    <message>
        <source>Delive&amp;ries…</source>
        <translation>投递记录(&amp;R)…</translation>
    </message>
    <message>
        <source>Cancel campaign</source>
        <translation>取消邮件活动</translation>
    </message>
    <message>
        <source>Stop and cancel the campaign for good (queued owners stay unsent)</source>
        <translation>停止并永久取消邮件活动（排队中的所有者不再发送）</translation>
    </message>
    <message>
        <source>Reading the policy versions…</source>
        <translation>正在读取政策版本…</translation>
    </message>
    <message>
        <source>{kind} (transfer {date})</source>
        <translation>{kind}（转移日期 {date}）</translation>
    </message>
    <message>
        <source>Not published</source>
        <translation>未发布</translation>
    </message>
    <message>
        <source>{count:,} version</source>
        <translation>{count:,} 个版本</translation>
    </message>
    <message>
        <source>{count:,} versions</source>
        <translation>{count:,} 个版本</translation>
    </message>
    <message>
        <source>{versions} · {problems}</source>
        <translation>{versions} · {problems}</translation>
    </message>
    <message>
        <source>{count:,} version with a reach problem</source>
        <translation>{count:,} 个版本通知覆盖有问题</translation>
    </message>
    <message>
        <source>{count:,} versions with a reach problem</source>
        <translation>{count:,} 个版本通知覆盖有问题</translation>
    </message>
    <message>
        <source>A bug in the console stopped this; the details are in the crash report.</source>
        <translation>控制台的一个缺陷中断了此操作；详情见崩溃报告。</translation>
    </message>
    <message>
        <source>Version {number}</source>
        <translation>版本 {number}</translation>
    </message>
    <message>
        <source>No version selected</source>
        <translation>未选择版本</translation>
    </message>
    <message>
        <source>Select a version in the list to see what changed.</source>
        <translation>在列表中选择一个版本以查看变更内容。</translation>
    </message>
    <message>
        <source>Select a published, significant version to email its owners.</source>
        <translation>选择一个已发布的重大变更版本，以向其所有者发送邮件。</translation>
    </message>
    <message>
        <source>significance not decided yet</source>
        <translation>尚未决定是否重大</translation>
    </message>
    <message>
        <source>{significance} (decided by {who})</source>
        <translation>{significance}（由 {who} 决定）</translation>
    </message>
    <message>
        <source>published {when} by {who}</source>
        <translation>由 {who} 于 {when} 发布</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Version {number} ({kind}): effective {date}, {decided}, {published}</source>
        <translation>版本 {number}（{kind}）：{date} 生效，{decided}，{published}</translation>
    </message>
    <message>
        <source>Summary: {summary}</source>
        <translation>摘要：{summary}</translation>
    </message>
    <message>
        <source>Summary: none was written.</source>
        <translation>摘要：未填写。</translation>
    </message>
    <message>
        <source>The diff appears when there are two versions or more.</source>
        <translation>有两个或更多版本时会显示差异。</translation>
    </message>
    <message>
        <source>{change}: {text}</source>
        <translation>{change}：{text}</translation>
    </message>
    <message>
        <source>Versions {left} and {right} have the same text.</source>
        <translation>版本 {left} 与版本 {right} 的正文相同。</translation>
    </message>
    <message>
        <source>{count:,} line changed · {added:,} added · {removed:,} removed (yellow: changed, green: added, red: removed)</source>
        <translation>{count:,} 行已更改 · {added:,} 行已添加 · {removed:,} 行已删除（黄色：已更改，绿色：已添加，红色：已删除）</translation>
    </message>
    <message>
        <source>{count:,} lines changed · {added:,} added · {removed:,} removed (yellow: changed, green: added, red: removed)</source>
        <translation>{count:,} 行已更改 · {added:,} 行已添加 · {removed:,} 行已删除（黄色：已更改，绿色：已添加，红色：已删除）</translation>
    </message>
    <message>
        <source>Ledger of version {number}: {counts} · never emailed {never:,}</source>
        <translation>版本 {number} 的台账：{counts} · 从未发送邮件 {never:,}</translation>
    </message>
    <message>
        <source>{state} {count:,}</source>
        <translation>{state} {count:,}</translation>
    </message>
    <message>
        <source>Site notice published: email did not reach every owner of version {number}; the site notice “{title}” shown from {when} makes up for it.</source>
        <translation>网站通知已发布：版本 {number} 的邮件未送达所有所有者；自 {when} 起显示的网站通知“{title}”对此作了补足。</translation>
    </message>
    <message>
        <source>Site notice published: email did not reach every owner of version {number}; the site notice makes up for it.</source>
        <translation>网站通知已发布：版本 {number} 的邮件未送达所有所有者；网站通知对此作了补足。</translation>
    </message>
    <message>
        <source>Site notice required: {problems}</source>
        <translation>需要网站通知：{problems}</translation>
    </message>
    <message>
        <source>Email every owner about version {number}: {count:,} owner still to be told. Check the template and a preview first; the ledger records each delivery.</source>
        <translation>就版本 {number} 向每位所有者发送邮件：还有 {count:,} 位所有者未获通知。请先检查模板和预览；台账会记录每次投递。</translation>
    </message>
    <message>
        <source>Email every owner about version {number}: {count:,} owners still to be told. Check the template and a preview first; the ledger records each delivery.</source>
        <translation>就版本 {number} 向每位所有者发送邮件：还有 {count:,} 位所有者未获通知。请先检查模板和预览；台账会记录每次投递。</translation>
    </message>
    <message>
        <source>Version {number} is a minor change: owners are not emailed about it.</source>
        <translation>版本 {number} 是次要变更：不会就此向所有者发送邮件。</translation>
    </message>
    <message>
        <source>Version {number} is a draft: owners are emailed once it is published and decided significant.</source>
        <translation>版本 {number} 是草稿：发布并被认定为重大变更后，才会向所有者发送邮件。</translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation>未连接。</translation>
    </message>
    <message>
        <source>A campaign is being sent: pause it or wait for it to finish.</source>
        <translation>正在发送邮件活动：请暂停或等待其完成。</translation>
    </message>
    <message>
        <source>Set the mail server first (Mail server…).</source>
        <translation>请先设置邮件服务器（邮件服务器…）。</translation>
    </message>
    <message>
        <source>Select a version first.</source>
        <translation>请先选择一个版本。</translation>
    </message>
    <message>
        <source>No email about this version has been queued yet.</source>
        <translation>尚未为此版本排队任何邮件。</translation>
    </message>
    <message>
        <source>Every delivery of this version: decide on uncertain ones, record bounces</source>
        <translation>此版本的每次投递：处理不确定的投递，记录退信</translation>
    </message>
    <message>
        <source>R&amp;esume sending…</source>
        <translation>继续发送(&amp;E)…</translation>
    </message>
    <message>
        <source>Draft a new version of the policy (an approver then decides whether it is significant)</source>
        <translation>起草政策的新版本（随后由审批者决定是否属于重大变更）</translation>
    </message>
    <message>
        <source>Decide whether version {number} is significant, with a reason for the audit log</source>
        <translation>决定版本 {number} 是否属于重大变更，并为审计日志给出理由</translation>
    </message>
    <message>
        <source>Publish version {number} (it can never be edited afterwards)</source>
        <translation>发布版本 {number}（发布后不能再编辑）</translation>
    </message>
    <message>
        <source>Email version {number}&apos;s notice to every owner not told yet (asks first)</source>
        <translation>将版本 {number} 的通知邮件发给每位尚未获通知的所有者（会先确认）</translation>
    </message>
    <message>
        <source>Place a prominent notice about version {number} on the site</source>
        <translation>在网站上发布关于版本 {number} 的醒目通知</translation>
    </message>
    <message>
        <source>The SMTP server the notices go through, and a test message</source>
        <translation>发送通知所用的 SMTP 服务器，以及测试邮件</translation>
    </message>
    <message>
        <source>Drafted version {number}: an approver decides now whether it is significant.</source>
        <translation>已起草版本 {number}：现在由审批者决定是否属于重大变更。</translation>
    </message>
    <message>
        <source>Version {number} decided {significance}.</source>
        <translation>版本 {number} 已认定为{significance}。</translation>
    </message>
    <message>
        <source>Published version {number}. Email its owners from the Email campaign tab.</source>
        <translation>已发布版本 {number}。请在“邮件活动”选项卡中向其所有者发送邮件。</translation>
    </message>
    <message>
        <source>Published version {number}.</source>
        <translation>已发布版本 {number}。</translation>
    </message>
    <message>
        <source>Site notice “{title}” about version {number} placed from {when}.</source>
        <translation>关于版本 {number} 的网站通知“{title}”已发布，自 {when} 起显示。</translation>
    </message>
    <message>
        <source>Type an account id to preview.</source>
        <translation>请输入要预览的账户 ID。</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <source>Chinese (Simplified)</source>
        <translation>简体中文</translation>
    </message>
    <message>
        <source>To: {to} (in {language})
Subject: {subject}</source>
        <translation>收件人：{to}（{language}）
主题：{subject}</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;i&gt;No HTML part: owners get the plain text.&lt;/i&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;i&gt;没有 HTML 部分：所有者收到纯文本。&lt;/i&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Mail server: {server} from {address}</source>
        <translation>邮件服务器：{server}，发件人 {address}</translation>
    </message>
    <message>
        <source>Mail server: not set (Mail server…)</source>
        <translation>邮件服务器：未设置（邮件服务器…）</translation>
    </message>
    <message>
        <source>Email version {number}</source>
        <translation>发送版本 {number} 的邮件</translation>
    </message>
    <message>
        <source>Email the notice of version {number} to {count:,} account owner?</source>
        <translation>将版本 {number} 的通知邮件发给 {count:,} 位账户所有者？</translation>
    </message>
    <message>
        <source>Email the notice of version {number} to {count:,} account owners?</source>
        <translation>将版本 {number} 的通知邮件发给 {count:,} 位账户所有者？</translation>
    </message>
    <message>
        <source>Through {server} from {address}. Each owner gets one message; the ledger records every delivery. You can pause and resume.</source>
        <translation>通过 {server} 发送，发件人 {address}。每位所有者收到一封邮件；台账记录每次投递。您可以暂停和继续。</translation>
    </message>
    <message>
        <source>&amp;Send to {count:,}</source>
        <translation>发送给 {count:,} 位(&amp;S)</translation>
    </message>
    <message>
        <source>Not sent: nobody was emailed.</source>
        <translation>未发送：没有向任何人发送邮件。</translation>
    </message>
    <message>
        <source>Emailing the owners about version {number}…</source>
        <translation>正在就版本 {number} 向所有者发送邮件…</translation>
    </message>
    <message>
        <source>sent {sent:,}, failed {failed:,}, uncertain {uncertain:,}, queued {queued:,}</source>
        <translation>已发送 {sent:,}，失败 {failed:,}，不确定 {uncertain:,}，排队中 {queued:,}</translation>
    </message>
    <message>
        <source>Campaign for version {number} cancelled: {counts}.</source>
        <translation>版本 {number} 的邮件活动已取消：{counts}。</translation>
    </message>
    <message>
        <source>Campaign for version {number} stopped ({why}): {counts}. Resume sending to go on.</source>
        <translation>版本 {number} 的邮件活动已停止（{why}）：{counts}。继续发送即可接着进行。</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>retries pending</source>
        <translation>等待重试</translation>
    </message>
    <message>
        <source>Campaign for version {number} finished in {seconds:,.1f} s: {counts}. Some owners were not reached: a site notice is required.</source>
        <translation>版本 {number} 的邮件活动用时 {seconds:,.1f} 秒完成：{counts}。部分所有者未能送达：需要发布网站通知。</translation>
    </message>
    <message>
        <source>Campaign for version {number} finished in {seconds:,.1f} s: {counts}.</source>
        <translation>版本 {number} 的邮件活动用时 {seconds:,.1f} 秒完成：{counts}。</translation>
    </message>
    <message>
        <source>Sending stopped: {error}</source>
        <translation>发送已停止：{error}</translation>
    </message>
    <message>
        <source>Mail server for policy notices</source>
        <translation>政策通知的邮件服务器</translation>
    </message>
    <message>
        <source>none</source>
        <comment>security</comment>
        <translation>无</translation>
    </message>
    <message>
        <source>empty: no login</source>
        <translation>留空：不登录</translation>
    </message>
    <message>
        <source>kept in the OS keyring, never shown</source>
        <translation>保存在操作系统密钥环中，从不显示</translation>
    </message>
    <message>
        <source>Test email address</source>
        <translation>测试邮件地址</translation>
    </message>
    <message>
        <source>your address</source>
        <translation>您的地址</translation>
    </message>
    <message>
        <source>Send &amp;test</source>
        <translation>发送测试(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>主机(&amp;H)：</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>端口(&amp;O)：</translation>
    </message>
    <message>
        <source>Se&amp;curity:</source>
        <translation>安全(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>用户(&amp;U)：</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>密码(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>发件人(&amp;F)：</translation>
    </message>
    <message>
        <source>Test &amp;message to:</source>
        <translation>测试邮件发往(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>The SMTP port {port} is not a port number.</source>
        <extracomment>the one long-action path (ui/long_action.py): saving, or a test message, one at a time</extracomment>
        <translation>SMTP 端口 {port} 不是端口号。</translation>
    </message>
    <message>
        <source>Give 1 to 65535, e.g. 587.</source>
        <translation>请输入 1 到 65535，例如 587。</translation>
    </message>
    <message>
        <source>Sending a test message through {server}…</source>
        <translation>正在通过 {server} 发送测试邮件…</translation>
    </message>
    <message>
        <source>Test message accepted: {reply}.</source>
        <translation>测试邮件已被接受：{reply}。</translation>
    </message>
</context>
</TS>
