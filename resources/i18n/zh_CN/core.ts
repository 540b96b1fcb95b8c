<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name></name>
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
</context>
</TS>
