// The shape of the reviewed knowledge base (knowledge/data/*.json). Parsers produce it,
// the answer engine and later the store read it. Everything carries a SourceRef so every
// reply can name where a fact came from.

export type DocId = 'key-tasks' | 'livelihood' | 'gazette' | 'bulletin' | 'work-report';

export interface SourceRef {
  doc: DocId;
  /** Short human title, e.g. 汨政办函〔2026〕1号《2026年市政府重点工作任务》 */
  title: string;
  /** Where inside the document, e.g. 附件 第28项 / 附件2 第43个指标 / 三、（二）2. */
  locator: string;
  /** 1-based line in knowledge/sources/<file> where the item starts. */
  line: number;
}

/** One row of the 69 key tasks (重点工作任务). */
export interface KeyTask {
  no: number;
  category: string; // 项目, e.g. 聚力提品质
  subCategory: string; // second-level 项目, '' when the row has none
  target: string; // 目标任务, whitespace inside Chinese removed
  leaders: string[]; // canonical person names
  leadUnits: string[]; // canonical unit names
  coUnits: string[];
  /** Dated milestones the documents set for this task: deadlines in its own text (年内 →
   * 12-31) and the milestones of the 票决 project linked to it. The task-state rule counts
   * them like milestones set with /节点. */
  milestones?: DocMilestone[];
  source: SourceRef;
}

export interface DocMilestone {
  date: string; // ISO
  label: string; // as written: 年内 / 3月底前
  text: string;
  /** where it comes from: 任务原文 / 票决第1项（城市危旧房） */
  from: string;
  /** the 完成率 a report must reach to meet it (a town's cell: 100, its whole number) */
  targetPercent?: number;
}

/** One sub-item of a livelihood project (附件1 row). */
export interface LivelihoodItem {
  text: string;
  leaders: string[];
  leadUnits: string[];
  coUnits: string[];
  line: number;
}

/** One of the 18 livelihood projects (民生实事, 附件1). */
export interface LivelihoodProject {
  no: number;
  name: string; // 幼有所育 / 县域普通高中办学条件提质改造1所
  level: '省级' | '岳阳市级';
  items: LivelihoodItem[];
  source: SourceRef;
}

/** One of the 47 indicators (附件2). */
export interface Indicator {
  no: number; // 1..47
  projectNo: number; // 1..18
  project: string; // 幼有所育
  group: string; // middle column such as 提高优生优育服务水平, '' if none
  text: string; // 产前筛查率、新生儿疾病筛查率达90%以上 (without the leading "1.")
  unit: string; // 单位 of measure: %, 个, 座 ...
  /** Per-town numeric targets keyed by canonical town name; absent when the row has only a note. */
  towns?: Record<string, number>;
  /** Text in place of numbers, e.g. 由市人社局统筹安排. */
  note?: string;
  source: SourceRef;
}

export interface Milestone {
  date: string; // ISO yyyy-mm-dd
  label: string; // as written: 3月底
  text: string; // what must be reached by then
}

/** 人大代表票决民生实事 project with dated milestones; a project may have several tracks. */
export interface VotedProject {
  no: number;
  name: string;
  content: string; // 建设内容 / 目标
  tracks: { name: string; milestones: Milestone[] }[];
  leaders: string[];
  leadUnits: string[];
  coUnits: string[];
  /** the key task whose reports count for this project's milestones (corrections.json) */
  keyTask?: number;
  source: SourceRef;
}

/** A numbered measure of the 开局八好 plans: "(X牵头，Y等按职责分工负责)". */
export interface Measure {
  plan: string; // e.g. 汨罗市实施“开局八好”之“经济增长好”实施方案
  section: string[]; // heading path inside the plan
  no: string; // as numbered in the text: 1 / （2）
  title: string; // first sentence/heading, e.g. 强化政策协同
  text: string;
  leadUnits: string[];
  coUnits: string[];
  source: SourceRef;
}

/** A searchable slice of any document. */
export interface Passage {
  id: string; // stable: <doc>-<n>
  doc: DocId;
  title: string; // document (or sub-document) title
  section: string[]; // heading path
  text: string;
  line: number;
}

/** Two documents that disagree on one fact: both values kept with their sources. */
export interface Contradiction {
  id: string;
  topic: string; // 农村村民自建桥梁安全隐患排查整治 数量
  /** Keys that let the answer engine notice it touches this fact, e.g. ['livelihood:15', 'indicator:43']. */
  keys: string[];
  values: { value: string; source: SourceRef }[];
  note: string;
}

export interface Entity {
  name: string; // canonical
  aliases: string[];
}

export interface Directory {
  people: Entity[];
  units: Entity[];
  towns: Entity[];
}

export interface KnowledgeBase {
  keyTasks: KeyTask[];
  livelihood: LivelihoodProject[];
  indicators: Indicator[];
  voted: VotedProject[];
  measures: Measure[];
  passages: Passage[];
  contradictions: Contradiction[];
  directory: Directory;
}
