import { CATALOG_VERSIONS, getCatalog } from './registry';

/** How the questionnaire page labels the explicit empty answer of a multi-choice item. */
const NONE_LABEL = { ja: 'いずれも該当しない', en: 'None of these' };
/** Advice to leave a choice empty: on the page that leaves the item unanswered (missing). */
const SELECT_NOTHING = {
  ja: /何も選択せず|何も選ばず|選択しない(で|まま)|空欄/,
  en: /nothing selected|select(ing)? nothing|leave (it|this|them)? ?(empty|blank)|no selection/i,
};

describe.each(CATALOG_VERSIONS)('help texts of catalog %s', (version) => {
  const items = getCatalog(version)!.sections.flatMap((s) => s.items);
  const requiredMulti = items.filter((i) => i.kind === 'multi' && i.required);

  it('never tell a supplier to leave a required multi-choice item empty', () => {
    expect(requiredMulti.length).toBeGreaterThan(0);
    const wrong = requiredMulti.filter(
      (i) => i.help && (SELECT_NOTHING.ja.test(i.help.ja) || SELECT_NOTHING.en.test(i.help.en)),
    );
    expect(wrong.map((i) => i.id)).toEqual([]);
  });

  it('name the page\'s "None of these" choice wherever they say what to do when none applies', () => {
    const aboutNone = requiredMulti.filter(
      (i) => i.help && /なければ|none/i.test(i.help.ja + i.help.en),
    );
    expect(aboutNone.map((i) => i.id)).toEqual(expect.arrayContaining(['P.ROLES', 'SS.KINDS']));
    for (const i of aboutNone) {
      expect(i.help!.ja).toContain(`「${NONE_LABEL.ja}」`);
      expect(i.help!.en).toContain(`"${NONE_LABEL.en}"`);
    }
  });
});
