import { checkJobHandlers, JobHandlerMismatchError } from './jobs-check';

const catalogue = { mail: ['send-mail'], scoring: ['score-assessment'] };

describe('checkJobHandlers', () => {
  it('accepts one handler per job name', () => {
    expect(() =>
      checkJobHandlers(
        [
          { className: 'SendMail', queue: 'mail' },
          { className: 'Score', queue: 'scoring', handles: ['score-assessment'] },
        ],
        catalogue,
      ),
    ).not.toThrow();
  });

  it('names a missing handler, a duplicate and an unknown job in one error', () => {
    const check = () =>
      checkJobHandlers(
        [
          { className: 'Score', queue: 'scoring' },
          { className: 'ScoreAgain', queue: 'scoring', handles: ['score-assessment', 'rescore'] },
        ],
        catalogue,
      );
    expect(check).toThrow(JobHandlerMismatchError);
    expect(check).toThrow(/no handler for job "send-mail" of queue "mail"/);
    expect(check).toThrow(
      /"score-assessment" of queue "scoring" has 2 handlers: Score, ScoreAgain/,
    );
    expect(check).toThrow(/ScoreAgain handles "rescore", not a job of "scoring"/);
  });
});
