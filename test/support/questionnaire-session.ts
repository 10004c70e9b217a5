import type request from 'supertest';
import { ANSWER_FIXTURES, type Answers } from '@kakehashi/domain';
import type { TestApi } from './test-app';

/** The form token of a questionnaire page (its hidden _csrf field). */
export function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF field in page');
  return match[1];
}

/**
 * Presses Start on an emailed link like a person: GET the link's page, POST its form. Returns the
 * POST's answer: a 303 to the first section that sets the session cookie.
 */
export async function pressStart(api: TestApi, token: string): Promise<request.Response> {
  const page = await api.http().get(`/q/${token}`).expect(200);
  return api
    .http()
    .post(`/q/${token}/start`)
    .type('form')
    .send({ _csrf: csrfOf(page.text) })
    .expect(303);
}

/**
 * Saves answers through the supplier API and submits them, as a supplier finishing the
 * questionnaire would; by default a complete set (the ★ SME with お助け隊 fixture) over version 0.
 */
export async function submitAnswers(
  api: TestApi,
  input: { token: string; answers?: Answers; version?: number },
): Promise<void> {
  await api
    .http()
    .put(`/api/v1/respond/${input.token}/answers`)
    .send({
      version: input.version ?? 0,
      answers: input.answers ?? ANSWER_FIXTURES.smeStarOtasuketai.answers,
    })
    .expect(200);
  await api.http().post(`/api/v1/respond/${input.token}/submit`).expect(200);
}
