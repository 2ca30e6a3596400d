// Texts in Chinese and English. The language follows navigator.language until the user picks one,
// which is then remembered in localStorage.
const TEXTS = {
  en: {
    'lang.label': 'Language', 'nav.search': 'Search', 'nav.projections': 'Projections', signOut: 'Sign out',
    skip: 'Skip to content', loading: 'Loading…', error: 'Error', none: '—',
    'signin.title': 'Sign in', 'signin.user': 'User name', 'signin.password': 'Password', 'signin.submit': 'Sign in',
    'signin.failed': 'Sign-in failed: user name or password not accepted.',
    'signin.throttled': 'Too many failed sign-ins; try again in {s} s.',
    'password.title': 'Choose a new password', 'password.why': 'This password was for one use only: choose your own (12 to 200 characters).',
    'password.new': 'New password', 'password.submit': 'Save password',
    'search.title': 'Search customers', 'search.label': 'Name, pinyin, phone, e-mail…',
    'search.total': '{n} customers', 'search.contacts': 'Matched contacts', 'search.facets': 'Refine',
    'search.noHits': 'No customer matches.', 'search.took': '{ms} ms',
    'facet.region': 'Region', 'facet.tier': 'Tier', 'facet.manager': 'Account manager', 'facet.lifecycle': 'Lifecycle', 'facet.tags': 'Tags',
    'customer.title': 'Customer', 'customer.profile': 'Profile', 'customer.credit': 'Credit', 'customer.contacts': 'Contacts',
    'customer.opportunities': 'Open opportunities', 'customer.interactions': 'Last interactions',
    'customer.asOf': 'As of', 'customer.asOfShow': 'Show as of', 'customer.asOfNow': 'Now',
    'customer.asOfBanner': 'The 360 view as it was on {t}', 'customer.verify': 'Verify hash chain',
    'customer.verifyOk': 'Hash chain intact: {n} events checked.', 'customer.verifyBad': 'Hash chain broken at position {p}: {k} ({d})',
    'customer.timeline': 'Timeline', 'customer.kind': 'Kind of event', 'customer.allKinds': 'All kinds',
    'customer.export': 'Export CSV', 'customer.asOfHere': 'As of this moment', 'customer.more': 'More',
    'customer.noHistory': 'The timeline needs the AUDITOR role.',
    'f.name': 'Name', 'f.latinName': 'Latin name', 'f.kind': 'Kind', 'f.industry': 'Industry', 'f.region': 'Region',
    'f.segment': 'Segment', 'f.tier': 'Tier', 'f.lifecycle': 'Lifecycle', 'f.manager': 'Account manager',
    'f.limit': 'Credit limit', 'f.rating': 'Rating', 'f.hold': 'On hold', 'f.spend': 'Twelve-month spend',
    'f.title': 'Title', 'f.phones': 'Phones', 'f.emails': 'E-mails', 'f.stage': 'Stage', 'f.amount': 'Amount',
    'f.close': 'Expected close', 'f.owner': 'Owner', 'f.channel': 'Channel', 'f.on': 'On', 'f.outcome': 'Outcome',
    'f.status': 'Status', 'f.probability': 'Probability', 'f.weighted': 'Weighted amount', 'f.customer': 'Customer',
    'f.entered': 'Entered', 'f.left': 'Left', 'f.days': 'Days', 'f.by': 'By', 'f.reason': 'Why',
    'yes': 'yes', 'no': 'no',
    't.who': 'who', 't.why': 'why',
    'opportunity.title': 'Opportunity', 'opportunity.path': 'Stage path', 'opportunity.history': 'History',
    'projections.title': 'Projections', 'projections.group': 'Group', 'projections.position': 'Position',
    'projections.lag': 'Lag', 'projections.state': 'State', 'projections.deadLetters': 'Dead letters',
    'projections.rebuild': 'Rebuild', 'projections.paused': 'paused', 'projections.running': 'running',
    'projections.replaying': 'replaying', 'projections.retry': 'Retry', 'projections.skip': 'Skip',
    'projections.retryAll': 'Retry all', 'projections.skipReason': 'Reason for skipping', 'projections.noLetters': 'No dead letters.',
    'projections.show': 'Show dead letters', 'projections.refresh': 'Refresh',
    'projections.rebuildProgress': '{state}: {pct}% ({eps} events/s)',
    'forbidden': 'Your roles do not allow this page.',
  },
  zh: {
    'lang.label': '语言', 'nav.search': '搜索', 'nav.projections': '投影', signOut: '退出',
    skip: '跳到内容', loading: '加载中…', error: '错误', none: '—',
    'signin.title': '登录', 'signin.user': '用户名', 'signin.password': '密码', 'signin.submit': '登录',
    'signin.failed': '登录失败：用户名或密码不正确。',
    'signin.throttled': '登录失败次数过多，请 {s} 秒后再试。',
    'password.title': '设置新密码', 'password.why': '此密码仅能使用一次，请设置您自己的密码（12 至 200 个字符）。',
    'password.new': '新密码', 'password.submit': '保存密码',
    'search.title': '搜索客户', 'search.label': '名称、拼音、电话、邮箱…',
    'search.total': '共 {n} 个客户', 'search.contacts': '匹配的联系人', 'search.facets': '筛选',
    'search.noHits': '没有匹配的客户。', 'search.took': '{ms} 毫秒',
    'facet.region': '地区', 'facet.tier': '等级', 'facet.manager': '客户经理', 'facet.lifecycle': '生命周期', 'facet.tags': '标签',
    'customer.title': '客户', 'customer.profile': '基本信息', 'customer.credit': '信用', 'customer.contacts': '联系人',
    'customer.opportunities': '进行中的商机', 'customer.interactions': '最近互动',
    'customer.asOf': '截至', 'customer.asOfShow': '查看当时', 'customer.asOfNow': '当前',
    'customer.asOfBanner': '{t} 时的客户 360 视图', 'customer.verify': '校验哈希链',
    'customer.verifyOk': '哈希链完整：已校验 {n} 个事件。', 'customer.verifyBad': '哈希链在位置 {p} 处断裂：{k}（{d}）',
    'customer.timeline': '时间线', 'customer.kind': '事件类型', 'customer.allKinds': '全部类型',
    'customer.export': '导出 CSV', 'customer.asOfHere': '查看此刻', 'customer.more': '更多',
    'customer.noHistory': '查看时间线需要审计员（AUDITOR）角色。',
    'f.name': '名称', 'f.latinName': '英文名', 'f.kind': '类型', 'f.industry': '行业', 'f.region': '地区',
    'f.segment': '客户分群', 'f.tier': '等级', 'f.lifecycle': '生命周期', 'f.manager': '客户经理',
    'f.limit': '信用额度', 'f.rating': '信用评级', 'f.hold': '信用冻结', 'f.spend': '近十二个月消费',
    'f.title': '职务', 'f.phones': '电话', 'f.emails': '邮箱', 'f.stage': '阶段', 'f.amount': '金额',
    'f.close': '预计成交', 'f.owner': '负责人', 'f.channel': '渠道', 'f.on': '日期', 'f.outcome': '结果',
    'f.status': '状态', 'f.probability': '赢率', 'f.weighted': '加权金额', 'f.customer': '客户',
    'f.entered': '进入', 'f.left': '离开', 'f.days': '天数', 'f.by': '操作人', 'f.reason': '原因',
    'yes': '是', 'no': '否',
    't.who': '操作人', 't.why': '原因',
    'opportunity.title': '商机', 'opportunity.path': '阶段路径', 'opportunity.history': '历史',
    'projections.title': '投影', 'projections.group': '处理组', 'projections.position': '位置',
    'projections.lag': '延迟', 'projections.state': '状态', 'projections.deadLetters': '死信',
    'projections.rebuild': '重建', 'projections.paused': '已暂停', 'projections.running': '运行中',
    'projections.replaying': '重放中', 'projections.retry': '重试', 'projections.skip': '跳过',
    'projections.retryAll': '全部重试', 'projections.skipReason': '跳过原因', 'projections.noLetters': '没有死信。',
    'projections.show': '查看死信', 'projections.refresh': '刷新',
    'projections.rebuildProgress': '{state}：{pct}%（每秒 {eps} 个事件）',
    'forbidden': '您的角色无权查看此页面。',
  },
};

const KEY = 'kehu.lang';

export function language() {
  const chosen = localStorage.getItem(KEY);
  if (chosen && TEXTS[chosen]) return chosen;
  return (navigator.language || 'en').toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export function setLanguage(lang) {
  localStorage.setItem(KEY, lang);
}

/** The text for key in the current language, with {name} placeholders filled from values. */
export function t(key, values = {}) {
  const text = TEXTS[language()][key] ?? TEXTS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''));
}

/** Fills every element with data-i18n in root with its text. */
export function translate(root = document) {
  document.documentElement.lang = language() === 'zh' ? 'zh-CN' : 'en';
  root.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = t(el.dataset.i18n); });
  const skip = document.getElementById('skip-link');
  if (skip) skip.textContent = t('skip');
}
