// Item ids the engine reads by name. Ids are stable across catalog versions: a new version may add
// items, but an id keeps its meaning, so stored answers and these names stay valid.
export const ITEM = {
  industry: 'P.INDUSTRY',
  capital: 'P.CAPITAL',
  employees: 'P.EMPLOYEES',
  sizeClass: 'P.SIZE',
  roles: 'P.ROLES',
  saLevel: 'SA.LEVEL',
  saId: 'SA.ID',
  saDate: 'SA.DATE',
  saPolicy: 'SA.POLICY',
  saPolicyUrl: 'SA.POLICY_URL',
  selfCheckDate: 'SC.DATE',
  otUses: 'OT.USES',
  otCovers: 'OT.COVERS',
  ssKinds: 'SS.KINDS',
  ssListed: 'SS.LISTED',
  ssLast: 'SS.LAST',
  iotLevel: 'IOT.LEVEL',
  iotExpires: 'IOT.EXPIRES',
  irContact: 'IR.CONTACT',
  irReportTo: 'IR.REPORT_TO',
  irExercised: 'IR.EXERCISED',
  irExerciseDate: 'IR.EXERCISE_DATE',
  irBackup: 'IR.BACKUP',
} as const;

/** 情報セキュリティ5か条 items, SA.R1..SA.R5. */
export const FIVE_RULE_IDS = [1, 2, 3, 4, 5].map((n) => `SA.R${n}`);

/** 自社診断 items, SC.01..SC.25. */
export const SELF_CHECK_IDS = Array.from(
  { length: 25 },
  (_, i) => `SC.${String(i + 1).padStart(2, '0')}`,
);

export const SECTION = {
  selfCheck: 'self-check',
} as const;
