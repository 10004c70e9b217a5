import { passwordProblem } from './password-rule';

describe('passwordProblem (the CLI rule, told as a reason the page can translate)', () => {
  it('names each rule the CLI refuses a password for', () => {
    expect(passwordProblem('Short-1!', 'Short-1!')).toBe('tooShort');
    expect(passwordProblem('onlylowercaseletters', 'onlylowercaseletters')).toBe('tooPlain');
    expect(passwordProblem('aaaaAAAAaaaa', 'aaaaAAAAaaaa')).toBe('tooRepetitive');
    expect(passwordProblem(`A1${'b'.repeat(1023)}`, '')).toBe('tooLong');
  });

  it('accepts a strong password only when the confirmation repeats it', () => {
    expect(passwordProblem('Kakehashi-2026!', 'Kakehashi-2026!')).toBeNull();
    expect(passwordProblem('Kakehashi-2026!', 'Kakehashi-2026?')).toBe('mismatch');
  });
});
