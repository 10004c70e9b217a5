import type { Locale } from '../../console/console-locale';
import type { ImportField } from '../import/import-columns';

/** Matched suppliers the file leaves as they are, when there are any. */
const jaUnchanged = (unchanged: number): string =>
  unchanged ? `（変更なし ${unchanged} 件）` : '';
const enUnchanged = (unchanged: number): string => (unchanged ? ` (${unchanged} unchanged)` : '');

/** Text of the supplier import page (ja first, en beside it). */
export const SUPPLIER_IMPORT_PAGE_TEXT = {
  ja: {
    title: 'サプライヤーの一括登録',
    list: 'サプライヤー',
    intro:
      'CSV または Excel のファイルから、サプライヤーをまとめて登録・更新します。法人番号が同じサプライヤー（法人番号がなければ、会社名と主担当者のメールアドレスが同じサプライヤー）は更新し、それ以外は新しく登録します。',
    filesHeading: '取り込めるファイル',
    accepted: [
      'CSV ファイル：文字コードは UTF-8、または Excel で「CSV (コンマ区切り)」として保存した Shift_JIS',
      'Excel ブック（.xlsx）：最初のシートを読み込みます。古い .xls 形式と「Unicode テキスト」は読み込めません',
      'ファイルの大きさは 10 MB まで',
      '1 行目は見出しです。見出しは日本語（会社名、担当者名、メールアドレス など）でも英語（name, contact_name, contact_email など）でもかまいません',
    ],
    templates: 'テンプレートをダウンロード：',
    templateCsv: 'CSV テンプレート',
    templateXlsx: 'Excel テンプレート',
    columnsSummary: '列の一覧',
    columns: {
      ja: '見出し（日本語）',
      en: '見出し（英語）',
      required: '必須',
      values: '入力する値',
    },
    required: '必須',
    optional: '任意',
    values: {
      name: '会社名',
      corporateNumber: '13桁の法人番号（Excel では列の書式を「文字列」に）',
      sizeClass: '中小企業 / 大企業（sme / large）',
      criticality: '1・2・3 または 低・中・高（空欄は 2）',
      category: '自由記述（100文字まで。全角英数字は半角に揃えます）',
      contactName: '主担当者の氏名',
      contactEmail: '主担当者のメールアドレス',
      contactLanguage: 'ja / en（日本語 / 英語）',
      handlesConfidentialData: 'はい / いいえ（yes / no）',
      outageImpact: 'はい / いいえ（yes / no）',
      networkAccess: 'はい / いいえ（yes / no）',
    } satisfies Record<ImportField, string>,
    formHeading: 'ファイルを選んで取り込む',
    file: '取り込むファイル',
    fileHelp:
      '「確認のみ」はファイルを検査して結果を表示するだけで、何も書き込みません。「取り込む」は問題のある行が 1 行でもあると、何も取り込みません。',
    dryRun: '確認のみ',
    import: '取り込む',
    resultHeading: '結果',
    willMail: (contacts: number) =>
      `主担当者が変わる ${contacts} 社の新しい主担当者に、回答中の質問票へのリンクを「ご担当者変更に伴う回答依頼のご案内」としてメールで送ります。`,
    mailed: (contacts: number) =>
      `主担当者が変わった ${contacts} 社の新しい主担当者に、回答中の質問票へのリンクを「ご担当者変更に伴う回答依頼のご案内」としてメールで送りました。`,
    checked: (created: number, updated: number, unchanged: number) =>
      `確認しました（まだ何も書き込んでいません）。取り込むと、新規登録 ${created} 件、更新 ${updated} 件になります${jaUnchanged(unchanged)}。`,
    checkedNext:
      'この内容で取り込むには、同じファイルをもう一度選んで「取り込む」を押してください。',
    checkedValidOnly: (created: number, updated: number, unchanged: number) =>
      `確認しました（まだ何も書き込んでいません）。有効な行だけを取り込むと、新規登録 ${created} 件、更新 ${updated} 件になります${jaUnchanged(unchanged)}。`,
    imported: (created: number, updated: number, unchanged: number) =>
      `取り込みました。新規登録 ${created} 件、更新 ${updated} 件${unchanged ? `、変更なし ${unchanged} 件` : ''}。`,
    nothingChanged:
      'ファイルの内容は登録済みの内容と同じでした。何も書き込んでいません（更新日時も変わりません）。',
    skipped: (rows: number) => `問題のある ${rows} 行は取り込んでいません。`,
    wouldSkip: (rows: number) => `問題のある ${rows} 行は取り込まれません。`,
    rejected: (rows: number) => `${rows} 行に問題があるため、何も取り込んでいません。`,
    rejectedDryRun: (rows: number) =>
      `${rows} 行に問題があります（何も書き込んでいません）。このファイルのまま「取り込む」を押しても、何も取り込まれません。`,
    fixRows: '問題のある行を直してもう一度取り込むか、有効な行だけを取り込んでください。',
    validOnlyOffer: (created: number, updated: number, unchanged: number) =>
      `有効な行だけを取り込むと、新規登録 ${created} 件、更新 ${updated} 件になります${jaUnchanged(unchanged)}。問題のある行は取り込まれません。`,
    noValidRows: '取り込める行がありません。ファイルを直してから、もう一度お試しください。',
    validRowsUnchanged: (rows: number) =>
      `問題のない ${rows} 行は登録済みの内容と同じため、取り込んでも何も変わりません。問題のある行を直してから、もう一度お試しください。`,
    validOnlyHeading: '有効な行だけ取り込む',
    validOnlyFile: '同じファイルをもう一度選んでください',
    validOnlyButton: '有効な行だけ取り込む',
    rowsCaption: (rows: number) => `問題のある行（${rows} 行）`,
    skippedCaption: (rows: number) => `取り込まなかった行（${rows} 行）`,
    rowColumn: '行',
    messageColumn: '内容',
    rowHelp: '行の番号は Excel で表示される行番号です（1 行目が見出し）。',
    unknownColumns: (columns: string) => `次の列は読み込んでいません：${columns}`,
    viewList: 'サプライヤー一覧で確認する',
    errors: {
      otherSite:
        '別のサイトから送信されたフォームは受け付けられません。このページから送信してください。',
      noFile: '取り込むファイルを選んでください。',
      notMultipart: 'このページのフォームからファイルを送信してください。',
      unreadableForm: '送信されたフォームを読み取れませんでした。もう一度お試しください。',
      tooManyParts: '一度に取り込めるファイルは 1 つです。ファイルを 1 つだけ選んでください。',
      tooLarge: 'ファイルが 10 MB を超えています。複数のファイルに分けて取り込んでください。',
      unpackedTooLarge:
        'この .xlsx は展開すると 100 MB を超えます。取引先のシートだけを保存するか、CSV で保存してください。',
      notTable:
        'CSV（UTF-8 または Shift_JIS）か Excel（.xlsx）のファイルを選んでください。画像や PDF などは読み込めません。',
      xls: '古い Excel 形式（.xls）は読み込めません。Excel で .xlsx か CSV として保存し直してください。',
      utf16:
        '「Unicode テキスト」（UTF-16）は読み込めません。Excel で「CSV UTF-8 (コンマ区切り)」か .xlsx として保存し直してください。',
      empty: 'ファイルが空です。',
      noRows: '見出しの下にデータの行がありません。',
      missingColumns: (columns: string) =>
        `必須の列がありません：${columns}。テンプレートで見出しを確認してください。`,
      csvUnreadable: (detail: string) =>
        `CSV を読み取れませんでした。引用符（"）の閉じ忘れなどがないか確認してください。（${detail}）`,
      conflict:
        '同じ法人番号のサプライヤーが同時に別の操作で登録されたため、何も取り込んでいません。もう一度お試しください。',
      notAllowed:
        'サプライヤーを取り込めるのは、この組織の有効な調達担当者と管理者だけです。何も取り込んでいません。',
      other: (detail: string) => `ファイルを取り込めませんでした。（${detail}）`,
    },
  },
  en: {
    title: 'Import suppliers',
    list: 'Suppliers',
    intro:
      'Register or update many suppliers at once from a CSV or Excel file. A supplier with the same corporate number (without one: the same company name and primary contact email) is updated; any other row registers a new supplier.',
    filesHeading: 'Accepted files',
    accepted: [
      'CSV: UTF-8, or Shift_JIS as Excel in Japan saves “CSV (Comma delimited)”',
      'Excel workbook (.xlsx): the first sheet is read. The old .xls format and “Unicode Text” are not accepted',
      'At most 10 MB',
      'The first row holds the headers, in Japanese (会社名, 担当者名, メールアドレス…) or in English (name, contact_name, contact_email…)',
    ],
    templates: 'Download a template:',
    templateCsv: 'CSV template',
    templateXlsx: 'Excel template',
    columnsSummary: 'Columns',
    columns: {
      ja: 'Header (Japanese)',
      en: 'Header (English)',
      required: 'Required',
      values: 'Values',
    },
    required: 'Required',
    optional: 'Optional',
    values: {
      name: 'Company name',
      corporateNumber: '13-digit corporate number (format the Excel column as text)',
      sizeClass: 'sme / large (中小企業 / 大企業)',
      criticality: '1, 2 or 3, or 低・中・高 / low, medium, high (empty: 2)',
      category: 'Free text (up to 100 characters; full-width letters and digits are folded)',
      contactName: 'Primary contact’s name',
      contactEmail: 'Primary contact’s email',
      contactLanguage: 'ja / en',
      handlesConfidentialData: 'yes / no (はい / いいえ)',
      outageImpact: 'yes / no (はい / いいえ)',
      networkAccess: 'yes / no (はい / いいえ)',
    } satisfies Record<ImportField, string>,
    formHeading: 'Choose a file to import',
    file: 'File to import',
    fileHelp:
      '“Check only” inspects the file and shows the result without writing anything. “Import” imports nothing if even one row has a problem.',
    dryRun: 'Check only',
    import: 'Import',
    resultHeading: 'Result',
    willMail: (contacts: number) =>
      `The new primary contact of ${contacts} supplier(s) would be mailed a link to their open questionnaires (“Questionnaire request to the new contact”).`,
    mailed: (contacts: number) =>
      `The new primary contact of ${contacts} supplier(s) was mailed a link to their open questionnaires (“Questionnaire request to the new contact”).`,
    checked: (created: number, updated: number, unchanged: number) =>
      `Checked; nothing has been written yet. Importing would register ${created} new and update ${updated} suppliers${enUnchanged(unchanged)}.`,
    checkedNext: 'To import it, choose the same file again and press “Import”.',
    checkedValidOnly: (created: number, updated: number, unchanged: number) =>
      `Checked; nothing has been written yet. Importing the valid rows only would register ${created} new and update ${updated} suppliers${enUnchanged(unchanged)}.`,
    imported: (created: number, updated: number, unchanged: number) =>
      `Imported: ${created} new, ${updated} updated${unchanged ? `, ${unchanged} unchanged` : ''}.`,
    nothingChanged:
      'The file matches what is registered. Nothing was written (the last-updated times stay as they were).',
    skipped: (rows: number) => `The ${rows} row(s) with problems were not imported.`,
    wouldSkip: (rows: number) => `The ${rows} row(s) with problems would not be imported.`,
    rejected: (rows: number) => `${rows} row(s) have problems, so nothing was imported.`,
    rejectedDryRun: (rows: number) =>
      `${rows} row(s) have problems (nothing was written). Importing this file as it is would import nothing.`,
    fixRows: 'Correct those rows and import again, or import the valid rows only.',
    validOnlyOffer: (created: number, updated: number, unchanged: number) =>
      `Importing the valid rows only would register ${created} new and update ${updated} suppliers${enUnchanged(unchanged)}. The rows with problems are left out.`,
    noValidRows: 'No row can be imported. Correct the file and try again.',
    validRowsUnchanged: (rows: number) =>
      `The ${rows} valid row(s) match what is registered, so importing them would change nothing. Correct the rows with problems and try again.`,
    validOnlyHeading: 'Import the valid rows only',
    validOnlyFile: 'Choose the same file again',
    validOnlyButton: 'Import the valid rows only',
    rowsCaption: (rows: number) => `Rows with problems (${rows})`,
    skippedCaption: (rows: number) => `Rows not imported (${rows})`,
    rowColumn: 'Row',
    messageColumn: 'Problem',
    rowHelp: 'Row numbers are those Excel shows (row 1 holds the headers).',
    unknownColumns: (columns: string) => `These columns were not read: ${columns}`,
    viewList: 'See the supplier list',
    errors: {
      otherSite: 'A form sent from another site is not accepted. Please send it from this page.',
      noFile: 'Choose a file to import.',
      notMultipart: 'Send the file with the form on this page.',
      unreadableForm: 'The form could not be read. Please try again.',
      tooManyParts: 'One file can be imported at a time. Choose a single file.',
      tooLarge: 'The file is larger than 10 MB. Split it into several files.',
      unpackedTooLarge:
        'This .xlsx unpacks to more than 100 MB. Save only the supplier sheet, or save it as CSV.',
      notTable:
        'Choose a CSV (UTF-8 or Shift_JIS) or Excel (.xlsx) file. Images, PDFs and other files cannot be read.',
      xls: 'The old Excel format (.xls) cannot be read. Save the sheet as .xlsx or CSV in Excel.',
      utf16:
        '“Unicode Text” (UTF-16) cannot be read. Save the sheet as “CSV UTF-8 (Comma delimited)” or .xlsx in Excel.',
      empty: 'The file is empty.',
      noRows: 'The file has no data rows below the headers.',
      missingColumns: (columns: string) =>
        `Required columns are missing: ${columns}. Check the headers against the template.`,
      csvUnreadable: (detail: string) =>
        `The CSV could not be read. Check for an unclosed quote (") and similar. (${detail})`,
      conflict:
        'Another action registered the same corporate number at the same moment, so nothing was imported. Please try again.',
      notAllowed:
        'Only an active procurement user or admin of this organization can import suppliers. Nothing was imported.',
      other: (detail: string) => `The file could not be imported. (${detail})`,
    },
  },
} satisfies Record<Locale, unknown>;

export type SupplierImportPageText = (typeof SUPPLIER_IMPORT_PAGE_TEXT)['ja'];
