/**
 * Stage: check (proofreading lint) — word lists as data. Edit here to teach the lint new words; each list says
 * which rule reads it. All entries are Simplified (the data is Simplified).
 */

/**
 * Doubled characters that are words of their own (read by the doubled-character rule). AABB forms (认认真真,
 * 扎扎实实) and Chinese numerals (一一, 三三两两) are recognised without a list.
 */
export const LEGITIMATE_DOUBLES: ReadonlySet<string> = new Set(
  `常常 天天 人人 个个 事事 处处 时时 刻刻 年年 月月 日日 家家 户户 样样 件件 条条 层层 步步 代代 世世 声声 村村 镇镇
   谢谢 看看 想想 说说 试试 听听 走走 聊聊 问问 等等 星星 妈妈 爸爸 哥哥 姐姐 弟弟 妹妹 奶奶 爷爷 叔叔 伯伯 宝宝 娃娃
   渐渐 刚刚 往往 仅仅 纷纷 频频 屡屡 偏偏 恰恰 明明 稍稍 略略 微微 多多 好好 慢慢 快快 轻轻 悄悄 静静 默默 紧紧
   牢牢 稳稳 深深 久久 匆匆 冉冉 滚滚 熊熊 洋洋 茫茫 高高 大大 小小 早早 迟迟 统统 通通 万万 重重 连连 节节 区区
   种种 每每 头头 面面 息息 源源 滔滔 蒸蒸 欣欣 井井 津津 孜孜 兢兢 念念 恋恋 栩栩 跃跃 彬彬 楚楚 历历 落落 依依
   勃勃 忡忡 眈眈 迢迢 吁吁 济济 睽睽 鼎鼎 非非 翼翼 赫赫 巍巍 浩浩 荡荡 累累 寥寥 袅袅 郁郁 葱葱 朗朗 皑皑 绰绰
   姗姗 草草 堂堂 生生 谆谆 循循 侃侃 格格 夸夸 凛凛 岌岌 昭昭 切切 殷殷 拳拳 款款 瑟瑟 芸芸
   婆婆 公公 舅舅 姑姑 姥姥 婶婶 太太 嫂嫂`
    .split(/\s+/)
    .filter(Boolean),
);

/** Phrases in which a doubled character is right although the pair alone is suspect (不了了之). */
export const PHRASES_WITH_DOUBLES: readonly string[] = ['不了了之', '了了可数', '一了百了了'];

/**
 * Frequent fixed phrases of reports (read by the broken-phrase rule): one character inserted inside one of them is
 * reported as a typo (各项刚工作 → 各项工作). Four characters or more, so the pattern stays specific.
 */
export const COMMON_PHRASES: readonly string[] = `各项工作 稳中求进 稳中向好 高质量发展 乡村振兴 疫情防控 人居环境 基层治理 社会治理 安全生产
  精准施策 贯彻落实 全面推进 深入推进 统筹推进 扎实推进 持续推进 深入开展 切实做好 认真落实 从严治党 党风廉政 意识形态
  民生保障 生态文明 脱贫攻坚 巩固拓展 有效衔接 防范化解 重大风险 营商环境 招商引资 项目建设 基础设施 公共服务 社会保障
  人民群众 实事求是 与时俱进 求真务实 真抓实干 担当作为 守土有责 守土尽责 风清气正 经济社会发展 党史学习教育 政治站位
  理论学习 作风建设 依法治理 综合执法 安全隐患 排查整治 专项整治 联防联控 网格化管理 便民服务 主体责任 目标任务
  重点任务 重要讲话 决策部署 工作要求 集体经济 美丽乡村 乡风文明 产业发展 社会稳定 人民至上 生命至上 中国特色社会主义`
  .split(/\s+/)
  .filter(Boolean);

/**
 * Characters that may stand inside a fixed phrase without a typo (深入地开展, 安全和生产): the broken-phrase rule
 * ignores them.
 */
export const INSERTABLE: ReadonlySet<string> = new Set([...'地的得和与及并等之、']);
