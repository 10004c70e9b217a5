import { findUnusableInput, MAX_BODY_DEPTH, UnusableInputException } from './nul-characters';

const NUL = '\u0000';

/** An array nested `levels` deep around 1, built without recursion. */
function nested(levels: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = [value];
  return value;
}

describe('findUnusableInput', () => {
  it('passes ordinary input, Japanese text and other control characters included', () => {
    expect(
      findUnusableInput({
        params: { id: 'a1b2' },
        query: { q: '製作所', tag: ['a', 'b'] },
        body: { name: '株式会社\tかけはし', contacts: [{ name: 'A', email: 'a@b.jp' }], n: 1 },
      }),
    ).toBeNull();
    expect(findUnusableInput({})).toBeNull();
  });

  it('names the first NUL in the order of the document, with its path', () => {
    expect(
      findUnusableInput({ body: { a: 'ok', b: [{ c: `x${NUL}` }, `y${NUL}`], d: NUL } }),
    ).toEqual({ problem: 'nul', location: 'body', path: 'b.0.c', inName: false });
    expect(findUnusableInput({ query: { q: NUL } })).toMatchObject({
      location: 'query',
      path: 'q',
    });
    expect(findUnusableInput({ params: { token: `t${NUL}` } })).toMatchObject({
      location: 'params',
      path: 'token',
    });
    expect(findUnusableInput({ body: { answers: { [`I${NUL}`]: 1 } } })).toEqual({
      problem: 'nul',
      location: 'body',
      path: 'answers',
      inName: true,
    });
  });

  it(`allows ${MAX_BODY_DEPTH} levels of nesting and refuses one more`, () => {
    expect(findUnusableInput({ body: nested(MAX_BODY_DEPTH) })).toBeNull();
    expect(findUnusableInput({ body: nested(MAX_BODY_DEPTH + 1) })).toEqual({ problem: 'depth' });
  });

  it('walks a body nested far deeper than the stack allows without overflowing', () => {
    expect(findUnusableInput({ body: { email: nested(200_000) } })).toEqual({ problem: 'depth' });
  });
});

describe('UnusableInputException', () => {
  it('is a 400 whose message names the field, or the place when there is no field', () => {
    const field = new UnusableInputException({
      problem: 'nul',
      location: 'body',
      path: 'answers.OT.SERVICE',
      inName: false,
    });
    expect(field.getStatus()).toBe(400);
    expect(field.message).toBe('answers.OT.SERVICE must not contain the NUL character (U+0000)');
    expect(
      new UnusableInputException({ problem: 'nul', location: 'body', path: '', inName: false })
        .message,
    ).toBe('the body must not contain the NUL character (U+0000)');
    expect(new UnusableInputException({ problem: 'depth' }).message).toContain(
      'the JSON body is nested too deeply',
    );
  });
});
