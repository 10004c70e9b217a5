import { CATALOG_VERSIONS, getCatalog } from '@kakehashi/domain';
import { PORTAL_TEXT } from './portal-text';

describe('catalog help texts and the questionnaire page', () => {
  it('name the "None of these" choice with the label the page shows', () => {
    const items = CATALOG_VERSIONS.flatMap((v) => getCatalog(v)!.sections.flatMap((s) => s.items));
    const aboutNone = items.filter(
      (i) => i.kind === 'multi' && i.help && /なければ|none/i.test(i.help.ja + i.help.en),
    );
    expect(aboutNone.length).toBeGreaterThan(0);
    for (const i of aboutNone) {
      expect(i.help!.ja).toContain(`「${PORTAL_TEXT.ja.none}」`);
      expect(i.help!.en).toContain(`"${PORTAL_TEXT.en.none}"`);
    }
  });
});
