<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>No CDRs to chart</source>
        <translation>没有可绘制的 CDR</translation>
    </message>
    <message>
        <source>This database holds no call detail records with a start time, so there is nothing past the retention either. The chart fills in as calls are recorded.</source>
        <translation>此数据库中没有带开始时间的通话记录，因此也没有超过保留期限的记录。随着通话被记录，图表会逐渐填充。</translation>
    </message>
    <message>
        <source>CDRs by age in days</source>
        <translation>按存放天数统计的 CDR</translation>
    </message>
    <message>
        <source>CDRs</source>
        <translation>CDR</translation>
    </message>
    <message>
        <source>Within retention (younger than {days} days)</source>
        <translation>保留期限内（不足 {days} 天）</translation>
    </message>
    <message>
        <source>, {count:,} held</source>
        <translation>，{count:,} 条受保留</translation>
    </message>
    <message>
        <source>Past retention ({days} days or older): {count:,} to purge{held}</source>
        <translation>超过保留期限（{days} 天及以上）：{count:,} 条待清除{held}</translation>
    </message>
    <message>
        <source>Cutoff: {days} days</source>
        <translation>截止：{days} 天</translation>
    </message>
    <message>
        <source>Age in days (the last bar, at {last}: older than {days} days)</source>
        <translation>存放天数（最后一根柱，位于 {last}：超过 {days} 天）</translation>
    </message>
    <message>
        <source>{many} by age in days</source>
        <translation>按存放天数统计的{many}</translation>
    </message>
    <message>
        <source>{total:,} {many}; {past:,} are {days} days old or older, past the retention: {count:,} to purge{held}.</source>
        <translation>共 {total:,} 条{many}；{past:,} 条已存放 {days} 天及以上，超过保留期限：{count:,} 条待清除{held}。</translation>
    </message>
    <message>
        <source>drop</source>
        <comment>partitions</comment>
        <translation>删除</translation>
    </message>
    <message>
        <source>detach</source>
        <comment>partitions</comment>
        <translation>分离</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <source>Purged every</source>
        <translation>清除间隔</translation>
    </message>
    <message>
        <source>Review by</source>
        <translation>复核日期</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Partitions</source>
        <translation>分区</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Retention policies</source>
        <extracomment>the core&apos;s answer for saving a policy (None: this operator may)</extracomment>
        <translation>保留策略</translation>
    </message>
    <message>
        <source>One row per retention category: its days, purge interval, review date, target table, partitions and check</source>
        <translation>每个保留类别一行：天数、清除间隔、复核日期、目标表、分区和检查结果</translation>
    </message>
    <message>
        <source>empty: kept until the review date</source>
        <translation>留空：保留至复核日期</translation>
    </message>
    <message>
        <source>1: the scheduled purge runs daily</source>
        <translation>1：定时清除每天运行</translation>
    </message>
    <message>
        <source>How often the scheduled purge runs, in days (1 to 365). A row may be up to the retention plus this many days old before the promise is broken; the purge is at risk when it has not run for two intervals.</source>
        <translation>定时清除的运行间隔，以天计（1 至 365）。一行记录的存放时间最多可达保留期限加上该天数，超过即违反承诺；清除在两个间隔内未运行时即为有风险。</translation>
    </message>
    <message>
        <source>Re&amp;view by:</source>
        <translation>复核日期(&amp;V)：</translation>
    </message>
    <message>
        <source>Review by date</source>
        <translation>复核日期</translation>
    </message>
    <message>
        <source>Edit the selected category</source>
        <translation>编辑所选类别</translation>
    </message>
    <message>
        <source>&amp;Days:</source>
        <translation>天数(&amp;D)：</translation>
    </message>
    <message>
        <source>Purged &amp;every (days):</source>
        <translation>清除间隔（天）(&amp;E)：</translation>
    </message>
    <message>
        <source>Target &amp;table:</source>
        <translation>目标表(&amp;T)：</translation>
    </message>
    <message>
        <source>Timestamp &amp;column:</source>
        <translation>时间戳列(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Partitions:</source>
        <translation>分区(&amp;P)：</translation>
    </message>
    <message>
        <source>Read-only: {reason}</source>
        <translation>只读：{reason}</translation>
    </message>
    <message>
        <source>{verdict}: {reason} (and {count} more)</source>
        <translation>{verdict}：{reason}（另有 {count} 条）</translation>
    </message>
    <message>
        <source>{verdict}: {reason}</source>
        <translation>{verdict}：{reason}</translation>
    </message>
    <message>
        <source>Breaks the promise: more than 30 days</source>
        <translation>违反承诺：超过 30 天</translation>
    </message>
    <message>
        <source>Review date passed</source>
        <translation>已过复核日期</translation>
    </message>
    <message>
        <source>No limit and no review date</source>
        <translation>既无期限也无复核日期</translation>
    </message>
    <message>
        <source>Broken: {marks}</source>
        <translation>已违反：{marks}</translation>
    </message>
    <message>
        <source>; </source>
        <comment>list separator</comment>
        <translation>；</translation>
    </message>
    <message>
        <source>Not checked yet: refresh the tab</source>
        <translation>尚未检查：请刷新此标签页</translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation>未检查</translation>
    </message>
    <message>
        <source>More than {days} days breaks the privacy policy&apos;s promise to delete CDRs within {days} days.</source>
        <translation>超过 {days} 天即违反隐私政策中在 {days} 天内删除 CDR 的承诺。</translation>
    </message>
    <message>
        <source>{category} have no retention in days, only a review date: there is no cutoff to chart.</source>
        <translation>{category}没有以天计的保留期限，只有复核日期：没有可绘制的截止时间。</translation>
    </message>
    <message>
        <source>Answered</source>
        <extracomment>the dispositions offered in the filter (the Asterisk values); &quot;Any&quot; is not filtered</extracomment>
        <translation>已接听</translation>
    </message>
    <message>
        <source>No Answer</source>
        <translation>无人接听</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>占线</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Congestion</source>
        <translation>拥塞</translation>
    </message>
    <message>
        <source>CDR</source>
        <translation>CDR</translation>
    </message>
    <message>
        <source>message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>survey response</source>
        <translation>调查答复</translation>
    </message>
    <message>
        <source>survey responses</source>
        <translation>调查答复</translation>
    </message>
    <message>
        <source>page visit</source>
        <translation>页面访问</translation>
    </message>
    <message>
        <source>page visits</source>
        <translation>页面访问</translation>
    </message>
    <message>
        <source>row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>rows</source>
        <translation>行</translation>
    </message>
    <message>
        <source>{count:,} CDR</source>
        <translation>{count:,} 条 CDR</translation>
    </message>
    <message>
        <source>{count:,} CDRs</source>
        <translation>{count:,} 条 CDR</translation>
    </message>
    <message>
        <source>{count:,} message</source>
        <translation>{count:,} 条消息</translation>
    </message>
    <message>
        <source>{count:,} messages</source>
        <translation>{count:,} 条消息</translation>
    </message>
    <message>
        <source>{count:,} survey response</source>
        <translation>{count:,} 份调查答复</translation>
    </message>
    <message>
        <source>{count:,} survey responses</source>
        <translation>{count:,} 份调查答复</translation>
    </message>
    <message>
        <source>{count:,} page visit</source>
        <translation>{count:,} 次页面访问</translation>
    </message>
    <message>
        <source>{count:,} page visits</source>
        <translation>{count:,} 次页面访问</translation>
    </message>
    <message>
        <source>{count:,} row</source>
        <translation>{count:,} 行</translation>
    </message>
    <message>
        <source>{count:,} rows</source>
        <translation>{count:,} 行</translation>
    </message>
    <message>
        <source>{count:,} batch</source>
        <translation>{count:,} 批</translation>
    </message>
    <message>
        <source>{count:,} batches</source>
        <translation>{count:,} 批</translation>
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
        <source>Kept</source>
        <translation>已遵守</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>有风险</translation>
    </message>
    <message>
        <source>Broken</source>
        <translation>已违反</translation>
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
        <source>{category}: {name}</source>
        <translation>{category}：{name}</translation>
    </message>
    <message>
        <source>{category}: {name} ({database}, {table}.{column})</source>
        <translation>{category}：{name}（{database}，{table}.{column}）</translation>
    </message>
    <message>
        <source>Promise broken: {count} older than {limit} days</source>
        <translation>承诺已违反：{count}超过 {limit} 天</translation>
    </message>
    <message>
        <source>Promise broken: see below</source>
        <translation>承诺已违反：见下文</translation>
    </message>
    <message>
        <source>The scheduled purge has never run: at risk</source>
        <translation>定时清除从未运行：有风险</translation>
    </message>
    <message>
        <source>Scheduled purge last ran {age} ago: at risk</source>
        <translation>定时清除上次运行于 {age}前：有风险</translation>
    </message>
    <message>
        <source>At risk: see below</source>
        <translation>有风险：见下文</translation>
    </message>
    <message>
        <source>Promise kept: {many} are reviewed by {date}</source>
        <translation>承诺已遵守：{many}将于 {date} 前复核</translation>
    </message>
    <message>
        <source>Promise kept: no {one} older than {limit} days but the {count} kept under legal hold</source>
        <translation>承诺已遵守：除法律保留下的 {count}外，没有超过 {limit} 天的{one}</translation>
    </message>
    <message>
        <source>Promise kept: no {one} older than {limit} days</source>
        <translation>承诺已遵守：没有超过 {limit} 天的{one}</translation>
    </message>
    <message>
        <source>Not checked: the target cannot be read</source>
        <translation>未检查：无法读取目标</translation>
    </message>
    <message>
        <source>Not purged: kept until the review date</source>
        <translation>不清除：保留至复核日期</translation>
    </message>
    <message>
        <source>Never ran (it should run daily)</source>
        <translation>从未运行（应每天运行）</translation>
    </message>
    <message>
        <source>Never ran (it should run every {days})</source>
        <translation>从未运行（应每 {days}运行一次）</translation>
    </message>
    <message>
        <source>Last ran today (run {run}, {state}); it should run daily</source>
        <translation>上次运行于今天（运行 {run}，{state}）；应每天运行</translation>
    </message>
    <message>
        <source>Last ran today (run {run}, {state}); it should run every {days}</source>
        <translation>上次运行于今天（运行 {run}，{state}）；应每 {days}运行一次</translation>
    </message>
    <message>
        <source>Last ran {age} ago (run {run}, {state}); it should run daily</source>
        <translation>上次运行于 {age}前（运行 {run}，{state}）；应每天运行</translation>
    </message>
    <message>
        <source>Last ran {age} ago (run {run}, {state}); it should run every {days}</source>
        <translation>上次运行于 {age}前（运行 {run}，{state}）；应每 {days}运行一次</translation>
    </message>
    <message>
        <source> · cancelling after this batch…</source>
        <translation> · 本批完成后取消…</translation>
    </message>
    <message>
        <source>{rows} deleted; {note}</source>
        <translation>已删除 {rows}；{note}</translation>
    </message>
    <message>
        <source>Deleting the rows past the retention; counting them as it goes</source>
        <translation>正在删除超过保留期限的行；边删除边计数</translation>
    </message>
    <message>
        <source>{deleted:,} of {total} deleted</source>
        <translation>已删除 {deleted:,} / {total}</translation>
    </message>
    <message>
        <source>{deleted:,} of about {total} deleted</source>
        <translation>已删除 {deleted:,} / 约 {total}</translation>
    </message>
    <message>
        <source> in {batches} · {rate:,.0f} rows/s · {left} left</source>
        <translation>，共 {batches} · {rate:,.0f} 行/秒 · 剩余{left}</translation>
    </message>
    <message>
        <source>{when} by {who} (the scheduler): {summary}</source>
        <translation>{when}，由 {who}（调度程序）：{summary}</translation>
    </message>
    <message>
        <source>{when} by {who} (an operator): {summary}</source>
        <translation>{when}，由 {who}（操作员）：{summary}</translation>
    </message>
    <message>
        <source>{seconds:,.1f} s</source>
        <translation>{seconds:,.1f} 秒</translation>
    </message>
    <message>
        <source>Purge run {run} ({category}): {state}</source>
        <translation>清除运行 {run}（{category}）：{state}</translation>
    </message>
    <message>
        <source>Summary: {summary}</source>
        <translation>摘要：{summary}</translation>
    </message>
    <message>
        <source>Target: {target}</source>
        <translation>目标：{target}</translation>
    </message>
    <message>
        <source>— (not recorded)</source>
        <translation>—（未记录）</translation>
    </message>
    <message>
        <source>Retention target: {name} (the rows were read and deleted in its own database)</source>
        <translation>保留目标：{name}（记录在其自己的数据库中读取和删除）</translation>
    </message>
    <message>
        <source>Cutoff: {cutoff} (rows that started before this are past retention)</source>
        <translation>截止时间：{cutoff}（早于此时间开始的行已超过保留期限）</translation>
    </message>
    <message>
        <source>Started: {when} by {who} (trigger: {trigger})</source>
        <translation>开始：{when}，由 {who}（触发方式：{trigger}）</translation>
    </message>
    <message>
        <source>Finished: {when}</source>
        <translation>结束：{when}</translation>
    </message>
    <message>
        <source>Duration: {duration} in {batches}</source>
        <translation>耗时：{duration}，共 {batches}</translation>
    </message>
    <message>
        <source>Rows estimated: {estimated}; deleted: {deleted:,}</source>
        <translation>估计行数：{estimated}；已删除：{deleted:,}</translation>
    </message>
    <message>
        <source>Oldest deleted: {oldest}; newest deleted: {newest}</source>
        <translation>删除的最早记录：{oldest}；删除的最新记录：{newest}</translation>
    </message>
    <message>
        <source>Verified: {verified}; oldest remaining: {oldest}</source>
        <translation>已验证：{verified}；剩余最早记录：{oldest}</translation>
    </message>
    <message>
        <source>Partitions dropped or detached: {partitions}</source>
        <translation>已删除或分离的分区：{partitions}</translation>
    </message>
    <message>
        <source>Finished the work of interrupted runs: {runs}</source>
        <translation>已完成中断运行的剩余工作：{runs}</translation>
    </message>
    <message>
        <source>Rows kept for a legal hold: {count:,}</source>
        <translation>因法律保留而保留的行：{count:,}</translation>
    </message>
    <message>
        <source>Note: {text}</source>
        <translation>备注：{text}</translation>
    </message>
    <message>
        <source>Error: {text}</source>
        <translation>错误：{text}</translation>
    </message>
    <message>
        <source>Ran on: {host} (process {pid})</source>
        <translation>运行于：{host}（进程 {pid}）</translation>
    </message>
    <message>
        <source>Ran on: {host}</source>
        <translation>运行于：{host}</translation>
    </message>
    <message>
        <source>Audit head: {head} (check it later: minisip-console audit verify --expect-head {head})</source>
        <translation>审计头：{head}（稍后可核对：minisip-console audit verify --expect-head {head}）</translation>
    </message>
    <message>
        <source>estimating…</source>
        <translation>正在估算…</translation>
    </message>
    <message>
        <source>about {seconds} s</source>
        <translation>约 {seconds} 秒</translation>
    </message>
    <message>
        <source>about {minutes} min {seconds:02d} s</source>
        <translation>约 {minutes} 分 {seconds:02d} 秒</translation>
    </message>
    <message>
        <source>about {hours} h {minutes:02d} min</source>
        <translation>约 {hours} 小时 {minutes:02d} 分</translation>
    </message>
    <message>
        <source>The privacy policy promises: “CDR records will also be deleted automatically in 30 days”; correspondence, surveys and page visits are kept as their policy says. The OS scheduler runs the purge (minisip-console purge --category all --scheduler): a promise is kept when nothing is older than the retention plus the purge interval and that purge runs. Every purge leaves a receipt. Phone numbers stay masked without an access grant.</source>
        <translation>隐私政策承诺：“CDR 记录也将在 30 天内自动删除”；往来消息、调查和页面访问按各自的策略保留。由操作系统的调度程序运行清除（minisip-console purge --category all --scheduler）：当没有记录超过保留期限加清除间隔、且清除按时运行时，承诺即为已遵守。每次清除都会留下回执。没有访问授权时，电话号码保持遮蔽。</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Past retention</source>
        <translation>超过保留期限</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>受保留</translation>
    </message>
    <message>
        <source>Scheduled purge</source>
        <translation>定时清除</translation>
    </message>
    <message>
        <source>how old the call detail records are</source>
        <extracomment>the categories table&apos;s role holding a row&apos;s saved target name (&quot;&quot; for the category&apos;s own table) rows per purge batch (``None``: the core sizes batches by time, ``retention.BATCH_SECONDS``) a snapshot was read and shown (tests wait on it)</extracomment>
        <translation>通话记录的存放时长</translation>
    </message>
    <message>
        <source>The CDR figures could not be read.</source>
        <extracomment>the row shown (the categories table&apos;s selection): a category, and a saved target of it (``core.targets``) or None for the category&apos;s own table in the console&apos;s database</extracomment>
        <translation>无法读取 CDR 数据。</translation>
    </message>
    <message>
        <source>Cancel purge</source>
        <extracomment>the one long-action path (ui/long_action.py): the dry run&apos;s count, and the purge with its progress row</extracomment>
        <translation>取消清除</translation>
    </message>
    <message>
        <source>Stop after the current batch (Esc); what is deleted stays deleted and the receipt says so</source>
        <translation>在当前批次后停止（Esc）；已删除的不会恢复，回执会如实记录</translation>
    </message>
    <message>
        <source>Retention categories</source>
        <translation>保留类别</translation>
    </message>
    <message>
        <source>One row per category of retained data: its retention, the oldest record and whether it is kept</source>
        <translation>每类保留数据一行：保留期限、最早的记录以及承诺是否遵守</translation>
    </message>
    <message>
        <source>Retention categories and their verdicts</source>
        <translation>保留类别及其结论</translation>
    </message>
    <message>
        <source>Select a category to check it, dry-run it and purge it</source>
        <translation>选择一个类别以检查、试运行和清除</translation>
    </message>
    <message>
        <source>CDRs in total:</source>
        <translation>CDR 总数：</translation>
    </message>
    <message>
        <source>Past 30 days:</source>
        <translation>超过 30 天：</translation>
    </message>
    <message>
        <source>Late (older than 31 days):</source>
        <translation>逾期（超过 31 天）：</translation>
    </message>
    <message>
        <source>Oldest CDR:</source>
        <translation>最早的 CDR：</translation>
    </message>
    <message>
        <source>At a glance</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Cutoff:</source>
        <translation>截止时间：</translation>
    </message>
    <message>
        <source>Legal holds:</source>
        <translation>法律保留：</translation>
    </message>
    <message>
        <source>Last purge:</source>
        <translation>上次清除：</translation>
    </message>
    <message>
        <source>Dr&amp;y run</source>
        <translation>试运行(&amp;Y)</translation>
    </message>
    <message>
        <source>Count what a purge would delete now, and its time range; changes nothing (Ctrl+Shift+D)</source>
        <translation>统计此刻清除将删除的记录及其时间范围；不做任何更改（Ctrl+Shift+D）</translation>
    </message>
    <message>
        <source>Purge &amp;now…</source>
        <translation>立即清除(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Retention policies…</source>
        <translation>保留策略(&amp;R)…</translation>
    </message>
    <message>
        <source>Days, review date and target of every data category</source>
        <translation>每个数据类别的天数、复核日期和目标</translation>
    </message>
    <message>
        <source>CDR pages</source>
        <translation>CDR 页面</translation>
    </message>
    <message>
        <source>A&amp;ge chart</source>
        <translation>存放时长图(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Browse CDRs</source>
        <translation>浏览 CDR(&amp;B)</translation>
    </message>
    <message>
        <source>Rece&amp;ipts</source>
        <translation>回执(&amp;I)</translation>
    </message>
    <message>
        <source>account id</source>
        <translation>账户 ID</translation>
    </message>
    <message>
        <source>Dat&amp;es</source>
        <translation>日期(&amp;E)</translation>
    </message>
    <message>
        <source>Only calls that started from the first date to the second, both included (UTC)</source>
        <translation>仅显示从第一个日期到第二个日期（含两端，UTC）之间开始的通话</translation>
    </message>
    <message>
        <source>CDRs from date</source>
        <translation>CDR 起始日期</translation>
    </message>
    <message>
        <source>CDRs until date</source>
        <translation>CDR 截止日期</translation>
    </message>
    <message>
        <source>Any</source>
        <comment>disposition</comment>
        <translation>任意</translation>
    </message>
    <message>
        <source>Apply filter</source>
        <translation>应用筛选</translation>
    </message>
    <message>
        <source>Accoun&amp;t:</source>
        <translation>账户(&amp;T)：</translation>
    </message>
    <message>
        <source>Di&amp;sposition:</source>
        <translation>处理结果(&amp;S)：</translation>
    </message>
    <message>
        <source>to</source>
        <comment>a date range</comment>
        <translation>至</translation>
    </message>
    <message>
        <source>Call detail records</source>
        <translation>通话记录</translation>
    </message>
    <message>
        <source>One row per call detail record: time, account, from, to, caller ID, disposition, duration and billed seconds</source>
        <translation>每条通话记录一行：时间、账户、主叫、被叫、来电显示、处理结果、时长和计费秒数</translation>
    </message>
    <message>
        <source>No CDRs to list</source>
        <translation>没有可列出的 CDR</translation>
    </message>
    <message>
        <source>Run</source>
        <comment>a purge run</comment>
        <translation>运行</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>执行者</translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation>触发方式</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Rows deleted</source>
        <translation>已删除行数</translation>
    </message>
    <message>
        <source>Kept for holds</source>
        <translation>因保留而保留</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>已验证</translation>
    </message>
    <message>
        <source>Purge receipts</source>
        <translation>清除回执</translation>
    </message>
    <message>
        <source>One row per CDR purge run: when, by whom, the rows purged and the receipt&apos;s hash</source>
        <translation>每次 CDR 清除运行一行：时间、执行者、清除的行数和回执的哈希值</translation>
    </message>
    <message>
        <source>Purge receipt details</source>
        <translation>清除回执详情</translation>
    </message>
    <message>
        <source>Select a run to read its full receipt.</source>
        <translation>选择一次运行以查看完整回执。</translation>
    </message>
    <message>
        <source>No purge has run on this database yet: no receipts.</source>
        <translation>此数据库尚未运行过清除：没有回执。</translation>
    </message>
    <message>
        <source>Reading the CDR figures…</source>
        <translation>正在读取 CDR 数据…</translation>
    </message>
    <message>
        <source>{category} have no retention in days, only a review date: nothing is purged automatically.</source>
        <translation>{category}没有以天计的保留期限，只有复核日期：不会自动清除任何记录。</translation>
    </message>
    <message>
        <source>The retention target {name} cannot be read: {reason}</source>
        <translation>无法读取保留目标 {name}：{reason}</translation>
    </message>
    <message>
        <source>Count the {many} a purge would delete at the cutoff shown, and their time range; changes nothing (Ctrl+Shift+D)</source>
        <translation>统计在所示截止时间清除将删除的{many}及其时间范围；不做任何更改（Ctrl+Shift+D）</translation>
    </message>
    <message>
        <source>Delete every {one} past the retention now, in batches, with a receipt (asks first)</source>
        <translation>立即分批删除所有超过保留期限的{one}，并留下回执（会先确认）</translation>
    </message>
    <message>
        <source>{reason} The dry run is open to everyone.</source>
        <translation>{reason} 试运行对所有人开放。</translation>
    </message>
    <message>
        <source>— (review date only)</source>
        <translation>—（仅复核日期）</translation>
    </message>
    <message>
        <source>{count} (older than {days} days)</source>
        <translation>{count}（超过 {days} 天）</translation>
    </message>
    <message>
        <source>{count:,} (older than {days} days)</source>
        <translation>{count:,}（超过 {days} 天）</translation>
    </message>
    <message>
        <source>Retention target {target}: its rows are read and purged in its own database</source>
        <translation>保留目标 {target}：其记录在其自己的数据库中读取和清除</translation>
    </message>
    <message>
        <source>At a glance: {category}</source>
        <translation>概览：{category}</translation>
    </message>
    <message>
        <source>{many} in total:</source>
        <translation>{many}总数：</translation>
    </message>
    <message>
        <source>Oldest {one}:</source>
        <translation>最早的{one}：</translation>
    </message>
    <message>
        <source>Past retention:</source>
        <translation>超过保留期限：</translation>
    </message>
    <message>
        <source>None by age: kept until the review date {date}</source>
        <translation>不按时长清除：保留至复核日期 {date}</translation>
    </message>
    <message>
        <source>Late:</source>
        <translation>逾期：</translation>
    </message>
    <message>
        <source>Past {days} days:</source>
        <translation>超过 {days} 天：</translation>
    </message>
    <message>
        <source>{count} ({share} of all): the next purge deletes them</source>
        <translation>{count}（占全部的 {share}）：下次清除将删除它们</translation>
    </message>
    <message>
        <source>{count}: the next purge deletes them</source>
        <translation>{count}：下次清除将删除它们</translation>
    </message>
    <message>
        <source>None: every {one} is younger than {days} days</source>
        <translation>无：所有{one}都不足 {days} 天</translation>
    </message>
    <message>
        <source>Late (older than {days} days):</source>
        <translation>逾期（超过 {days} 天）：</translation>
    </message>
    <message>
        <source>{count}: past the retention plus the purge interval: broken</source>
        <translation>{count}：超过保留期限加清除间隔：已违反</translation>
    </message>
    <message>
        <source>None: no {one} past the retention plus the purge interval</source>
        <translation>无：没有超过保留期限加清除间隔的{one}</translation>
    </message>
    <message>
        <source>No {many} in this database</source>
        <translation>此数据库中没有{many}</translation>
    </message>
    <message>
        <source>No {many} in this target&apos;s table</source>
        <translation>此目标的表中没有{many}</translation>
    </message>
    <message>
        <source>{age} old ({when})</source>
        <translation>已存放 {age}（{when}）</translation>
    </message>
    <message>
        <source>{count} kept under legal hold (deleted once it ends)</source>
        <translation>{count}因法律保留而保留（保留结束后删除）</translation>
    </message>
    <message>
        <source>None: no {one} past the retention is kept for a legal hold</source>
        <translation>无：没有因法律保留而保留的超期{one}</translation>
    </message>
    <message>
        <source>{cutoff}: older {many} are past the retention</source>
        <translation>{cutoff}：更早的{many}已超过保留期限</translation>
    </message>
    <message>
        <source>None: the policy sets no retention in days</source>
        <translation>无：策略未设定以天计的保留期限</translation>
    </message>
    <message>
        <source>Never: no purge has run on this database</source>
        <translation>从未：此数据库尚未运行过清除</translation>
    </message>
    <message>
        <source>Never: no purge has run on this retention target</source>
        <translation>从未：此保留目标尚未运行过清除</translation>
    </message>
    <message>
        <source>Scheduled purge: {schedule}</source>
        <translation>定时清除：{schedule}</translation>
    </message>
    <message>
        <source>The age chart cannot be drawn</source>
        <translation>无法绘制存放时长图</translation>
    </message>
    <message>
        <source>No {many} to chart</source>
        <translation>没有可绘制的{many}</translation>
    </message>
    <message>
        <source>This database holds no {many}: nothing is past the retention either.</source>
        <translation>此数据库中没有{many}：也就没有超过保留期限的记录。</translation>
    </message>
    <message>
        <source>These are the CDRs in the console&apos;s own database. The retention target {name} is checked, charted and purged above; its rows are not listed here.</source>
        <translation>这里列出的是控制台自己数据库中的 CDR。保留目标 {name} 在上方检查、绘图和清除；其记录不在此列出。</translation>
    </message>
    <message>
        <source>The CDRs cannot be listed</source>
        <translation>无法列出 CDR</translation>
    </message>
    <message>
        <source>{count:,} CDR matches the filter</source>
        <translation>{count:,} 条 CDR 符合筛选条件</translation>
    </message>
    <message>
        <source>{count:,} CDRs match the filter</source>
        <translation>{count:,} 条 CDR 符合筛选条件</translation>
    </message>
    <message>
        <source>No purge has run on the retention target {name} yet: no receipts.</source>
        <translation>保留目标 {name} 尚未运行过清除：没有回执。</translation>
    </message>
    <message>
        <source>an account id</source>
        <translation>账户 ID</translation>
    </message>
    <message>
        <source>The date range is empty: {first} is after {last}.</source>
        <translation>日期范围为空：{first} 晚于 {last}。</translation>
    </message>
    <message>
        <source>Swap the two dates.</source>
        <translation>请交换这两个日期。</translation>
    </message>
    <message>
        <source>Filtering…</source>
        <translation>正在筛选…</translation>
    </message>
    <message>
        <source>Calls are listed by time only: it is the column every CDR table indexes.</source>
        <translation>通话只能按时间排序：这是每个 CDR 表都建有索引的列。</translation>
    </message>
    <message>
        <source>Counting what a purge would delete…</source>
        <translation>正在统计清除将删除的记录…</translation>
    </message>
    <message>
        <source>Dry run: nothing to delete. No {one} is older than the cutoff {cutoff} ({days} days).</source>
        <translation>试运行：没有需要删除的记录。没有早于截止时间 {cutoff}（{days} 天）的{one}。</translation>
    </message>
    <message>
        <source>Dry run: a purge would delete {count} older than the cutoff {cutoff} ({days} days), from {oldest} to {newest}, in {table}.{column}.</source>
        <translation>试运行：清除将删除早于截止时间 {cutoff}（{days} 天）的 {count}，时间从 {oldest} 到 {newest}，位于 {table}.{column}。</translation>
    </message>
    <message>
        <source> Counted in the retention target {name}, in its own database.</source>
        <translation> 在保留目标 {name} 自己的数据库中计数。</translation>
    </message>
    <message>
        <source> The same count as the figures above, at their cutoff.</source>
        <translation>与上方数据在同一截止时间的计数相同。</translation>
    </message>
    <message>
        <source> The figures above, read at {when}, counted {count:,} at this cutoff: {many} were written or deleted since. Refresh (F5) to read them again.</source>
        <translation>上方数据读取于 {when}，在此截止时间计得 {count:,} 条：此后有{many}被写入或删除。按刷新（F5）重新读取。</translation>
    </message>
    <message>
        <source> It would keep {count} of accounts under a legal hold.</source>
        <translation>将保留法律保留下账户的 {count}。</translation>
    </message>
    <message>
        <source> Warning: {warning}</source>
        <translation>警告：{warning}</translation>
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
        <source> It would detach {partitions}: {names}.</source>
        <translation>将分离 {partitions}：{names}。</translation>
    </message>
    <message>
        <source> It would drop {partitions}: {names}.</source>
        <translation>将删除 {partitions}：{names}。</translation>
    </message>
    <message>
        <source> Receipts still marked running: {runs} (a purge runs now, or one was interrupted).</source>
        <translation>仍标记为运行中的回执：{runs}（清除正在运行，或有清除被中断）。</translation>
    </message>
    <message>
        <source>Could not count the rows past the retention: {reason}</source>
        <translation>无法统计超过保留期限的行：{reason}</translation>
    </message>
    <message>
        <source>Nothing to purge: no {one} is past the retention.</source>
        <translation>无需清除：没有超过保留期限的{one}。</translation>
    </message>
    <message>
        <source>From {oldest} to {newest}, in {table}.</source>
        <translation>从 {oldest} 到 {newest}，位于 {table}。</translation>
    </message>
    <message>
        <source>From {oldest} to {newest}, in {table} of the retention target {name} (its own database).</source>
        <translation>从 {oldest} 到 {newest}，位于保留目标 {name} 的 {table}（其自己的数据库）。</translation>
    </message>
    <message>
        <source>Whole partitions to detach: {names}.</source>
        <translation>将分离的整个分区：{names}。</translation>
    </message>
    <message>
        <source>Whole partitions to drop: {names}.</source>
        <translation>将删除的整个分区：{names}。</translation>
    </message>
    <message>
        <source>{count} of accounts under a legal hold are kept.</source>
        <translation>法律保留下账户的 {count}将被保留。</translation>
    </message>
    <message>
        <source>Warning: {warning}</source>
        <translation>警告：{warning}</translation>
    </message>
    <message>
        <source>This cannot be undone. The purge runs in batches; you can cancel between batches. A receipt records the run.</source>
        <translation>此操作无法撤销。清除分批运行；可在批次之间取消。回执会记录本次运行。</translation>
    </message>
    <message>
        <source>Purge {many}</source>
        <translation>清除{many}</translation>
    </message>
    <message>
        <source>Delete {count} older than {cutoff} (older than {days} days)?</source>
        <translation>删除早于 {cutoff}（超过 {days} 天）的 {count}？</translation>
    </message>
    <message>
        <source>&amp;Delete {count}</source>
        <translation>删除 {count}(&amp;D)</translation>
    </message>
    <message>
        <source>Purge not started: nothing was deleted.</source>
        <translation>清除未开始：未删除任何记录。</translation>
    </message>
    <message>
        <source>Starting the purge…</source>
        <translation>正在开始清除…</translation>
    </message>
    <message>
        <source>Purging {many} past the retention…</source>
        <translation>正在清除超过保留期限的{many}…</translation>
    </message>
    <message>
        <source>Purging {many} past the retention in the target {name}…</source>
        <translation>正在清除目标 {name} 中超过保留期限的{many}…</translation>
    </message>
    <message>
        <source>Purge run {run} of the retention target {name} {state}: {summary}.</source>
        <translation>保留目标 {name} 的清除运行 {run} {state}：{summary}。</translation>
    </message>
    <message>
        <source>Purge run {run} {state}: {summary}.</source>
        <translation>清除运行 {run} {state}：{summary}。</translation>
    </message>
    <message>
        <source>Run the purge again to finish the work.</source>
        <translation>请再次运行清除以完成剩余工作。</translation>
    </message>
    <message>
        <source>The purge did not run to its end: {reason}</source>
        <translation>清除未运行到结束：{reason}</translation>
    </message>
    <message>
        <source>Saved the retention policy of {category}.</source>
        <translation>已保存{category}的保留策略。</translation>
    </message>
    <message>
        <source>Remove it from the URL and type it into the Password field: it goes to this OS account&apos;s keyring.</source>
        <translation>请将其从 URL 中删除，并在“密码”栏中输入：密码会保存到此操作系统账户的密钥环中。</translation>
    </message>
    <message>
        <source>Check the password; nothing was stored.</source>
        <translation>请检查密码；未保存任何内容。</translation>
    </message>
    <message>
        <source>Check the password; nothing was saved.</source>
        <translation>请检查密码；未保存任何内容。</translation>
    </message>
    <message>
        <source>Type the target&apos;s password into the Password field; nothing was saved.</source>
        <translation>请在“密码”栏中输入目标数据库的密码；未保存任何内容。</translation>
    </message>
    <message>
        <source>OK: {table}.{column} is indexed</source>
        <translation>正常：{table}.{column} 已有索引</translation>
    </message>
    <message>
        <source>Add a retention target</source>
        <translation>添加保留目标</translation>
    </message>
    <message>
        <source>A table holding copies of this category&apos;s records in another database, e.g. Asterisk&apos;s cdr table in MariaDB. It is checked on its database before it is saved; the retention policy of {category} applies to it.</source>
        <translation>另一个数据库中保存此类别记录副本的表，例如 MariaDB 中 Asterisk 的 cdr 表。保存前会在其数据库上检查；{category}的保留策略同样适用于它。</translation>
    </message>
    <message>
        <source>mysql://, mariadb:// or postgresql:// with the user, host, port and database; never the password.</source>
        <translation>mysql://、mariadb:// 或 postgresql://，包含用户、主机、端口和数据库；切勿包含密码。</translation>
    </message>
    <message>
        <source>Kept in this OS account&apos;s keyring, never in the console&apos;s database. Empty: a server that asks for none.</source>
        <translation>保存在此操作系统账户的密钥环中，绝不存入控制台的数据库。留空：服务器不要求密码。</translation>
    </message>
    <message>
        <source>optional, e.g. accountcode: legal holds apply through it</source>
        <translation>可选，例如 accountcode：法律保留通过此列生效</translation>
    </message>
    <message>
        <source>Write {id} where the account&apos;s number goes: acct{id} for Asterisk accountcodes like acct42.</source>
        <translation>在账户编号的位置写 {id}：Asterisk 的 accountcode（如 acct42）写作 acct{id}。</translation>
    </message>
    <message>
        <source>Fill in &amp;Asterisk cdr (MySQL/MariaDB)</source>
        <translation>填入 Asterisk cdr (MySQL/MariaDB)(&amp;A)</translation>
    </message>
    <message>
        <source>Table cdr, timestamp column calldate, account column accountcode written as acct{id}</source>
        <translation>表 cdr，时间戳列 calldate，账户列 accountcode，格式为 acct{id}</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>Database &amp;URL:</source>
        <translation>数据库 URL(&amp;U)：</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>密码(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Table:</source>
        <translation>表(&amp;T)：</translation>
    </message>
    <message>
        <source>Acc&amp;ount column:</source>
        <translation>账户列(&amp;O)：</translation>
    </message>
    <message>
        <source>Account &amp;format:</source>
        <translation>账户格式(&amp;F)：</translation>
    </message>
    <message>
        <source>A&amp;dd target</source>
        <translation>添加目标(&amp;D)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>表</translation>
    </message>
    <message>
        <source>Account column</source>
        <translation>账户列</translation>
    </message>
    <message>
        <source>Saved tar&amp;gets</source>
        <translation>已保存的目标(&amp;G)</translation>
    </message>
    <message>
        <source>Tables of this category in other databases (MariaDB/MySQL, PostgreSQL): the policy above applies to each.</source>
        <translation>此类别在其他数据库（MariaDB/MySQL、PostgreSQL）中的表：上方的保留策略适用于其中每一个。</translation>
    </message>
    <message>
        <source>Saved retention targets</source>
        <translation>已保存的保留目标</translation>
    </message>
    <message>
        <source>One row per saved target of the selected category: its name, database, table, account column and last check</source>
        <translation>所选类别的每个已保存目标占一行：名称、数据库、表、账户列和最近一次检查</translation>
    </message>
    <message>
        <source>&amp;Add target…</source>
        <translation>添加目标(&amp;A)…</translation>
    </message>
    <message>
        <source>Chec&amp;k</source>
        <translation>检查(&amp;K)</translation>
    </message>
    <message>
        <source>Check the selected target by reflection on its database: table, column, index, partitions</source>
        <translation>通过反射在其数据库上检查所选目标：表、列、索引、分区</translation>
    </message>
    <message>
        <source>Set pass&amp;word…</source>
        <translation>设置密码(&amp;W)…</translation>
    </message>
    <message>
        <source>Store the selected target&apos;s database password in this OS account&apos;s keyring</source>
        <translation>将所选目标的数据库密码保存到此操作系统账户的密钥环中</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>The saved targets could not be read: {error}</source>
        <translation>无法读取已保存的目标：{error}</translation>
    </message>
    <message>
        <source>none: legal holds cannot apply</source>
        <translation>无：法律保留无法生效</translation>
    </message>
    <message>
        <source>{column} as {format}</source>
        <translation>{column}，格式 {format}</translation>
    </message>
    <message>
        <source>Add a table of this category in another database</source>
        <translation>添加此类别在另一个数据库中的表</translation>
    </message>
    <message>
        <source>Remove the selected target and its password</source>
        <translation>移除所选目标及其密码</translation>
    </message>
    <message>
        <source>Added retention target {label}.</source>
        <translation>已添加保留目标 {label}。</translation>
    </message>
    <message>
        <source>Checking {name} on its database…</source>
        <translation>正在其数据库上检查 {name}…</translation>
    </message>
    <message>
        <source>Checked {name}: {result}</source>
        <translation>已检查 {name}：{result}</translation>
    </message>
    <message>
        <source>Failed: {error}</source>
        <translation>失败：{error}</translation>
    </message>
    <message>
        <source>Check of {name} failed: {error}</source>
        <translation>检查 {name} 失败：{error}</translation>
    </message>
    <message>
        <source>Set the password of {name}</source>
        <translation>设置 {name} 的密码</translation>
    </message>
    <message>
        <source>The password of {database} for {name}. It is tried on the server, then kept in this OS account&apos;s keyring.</source>
        <translation>{name} 所用 {database} 的密码。会先在服务器上验证，然后保存到此操作系统账户的密钥环中。</translation>
    </message>
    <message>
        <source>&amp;Store password</source>
        <translation>保存密码(&amp;S)</translation>
    </message>
    <message>
        <source>Stored the password of {name} in this OS account&apos;s keyring.</source>
        <translation>已将 {name} 的密码保存到此操作系统账户的密钥环中。</translation>
    </message>
    <message>
        <source>Remove a retention target</source>
        <translation>移除保留目标</translation>
    </message>
    <message>
        <source>Remove the retention target {label}?</source>
        <translation>移除保留目标 {label}？</translation>
    </message>
    <message>
        <source>Its password is taken out of this OS account&apos;s keyring. Its table and rows in its own database are not touched, and its purge receipts keep its name; the console no longer purges it.</source>
        <translation>其密码将从此操作系统账户的密钥环中删除。其数据库中的表和行不受影响，清除回执仍保留其名称；控制台将不再清除它。</translation>
    </message>
    <message>
        <source>&amp;Remove target</source>
        <translation>移除目标(&amp;R)</translation>
    </message>
    <message>
        <source>Removed retention target {label}.</source>
        <translation>已移除保留目标 {label}。</translation>
    </message>
</context>
</TS>
