import { redactRequest, redactResponse, redactUrl } from './logging';

const TOKEN = 'gjLL1B6tQx9vYk2mN4pR7sT0uW3zA5cE8fH1jK6nP2q';

describe('redactUrl', () => {
  it.each([
    [`/q/${TOKEN}`, '/q/[token]'],
    [`/q/${TOKEN}?lang=en`, '/q/[token]?lang=en'],
    [`/q/${TOKEN}/start`, '/q/[token]/start'],
    [`/q/${TOKEN}/resend`, '/q/[token]/resend'],
    [`/api/v1/respond/${TOKEN}`, '/api/v1/respond/[token]'],
    [`/api/v1/respond/${TOKEN}/answers`, '/api/v1/respond/[token]/answers'],
    [`/api/v1/respond/${TOKEN}/evidence`, '/api/v1/respond/[token]/evidence'],
    [`/set-password/${TOKEN}?lang=ja`, '/set-password/[token]?lang=ja'],
    [`/Q/${TOKEN}`, '/Q/[token]'],
  ])('hides the token of %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });

  it.each([
    '/q/s/overview?missing=1&lang=en',
    '/q/s/sections/P',
    '/q/s',
    '/set-password/done',
    '/api/v1/suppliers?page=2&pageSize=50',
    '/console/campaigns/0b6f6c1e-6a52-4c8e-9d7e-2f1a3b4c5d6e',
    '/dashboard',
  ])('leaves %s as it is', (url) => {
    expect(redactUrl(url)).toBe(url);
  });

  it('drops token-bearing query parameters and keeps the others', () => {
    expect(redactUrl(`/console/users?token=${TOKEN}&lang=en`)).toBe('/console/users?lang=en');
    expect(redactUrl(`/x?access_token=${TOKEN}`)).toBe('/x');
    expect(redactUrl(`/x?a=1&Token=${TOKEN}&b=2`)).toBe('/x?a=1&b=2');
    expect(redactUrl(`/x?%74oken=${TOKEN}`)).toBe('/x');
  });

  it('redacts an absolute URL such as a Referer, dropping its fragment', () => {
    expect(redactUrl(`https://kakehashi.example/q/${TOKEN}?lang=ja#top`)).toBe(
      'https://kakehashi.example/q/[token]?lang=ja',
    );
    expect(redactUrl('https://kakehashi.example/q/s/overview')).toBe(
      'https://kakehashi.example/q/s/overview',
    );
  });
});

describe('redactRequest', () => {
  it('removes the token from the url, route params, query and Referer without touching the request', () => {
    const headers = { referer: `http://localhost:3000/q/${TOKEN}`, host: 'localhost:3000' };
    const logged = redactRequest({
      method: 'POST',
      url: `/q/${TOKEN}/start`,
      params: { token: TOKEN },
      query: { lang: 'en' },
      headers,
    });
    expect(JSON.stringify(logged)).not.toContain(TOKEN);
    expect(logged).toMatchObject({
      method: 'POST',
      url: '/q/[token]/start',
      params: { token: '[token]' },
      query: { lang: 'en' },
      headers: { referer: 'http://localhost:3000/q/[token]', host: 'localhost:3000' },
    });
    // The live request keeps its headers: only the logged copy changes.
    expect(headers.referer).toBe(`http://localhost:3000/q/${TOKEN}`);
  });

  it('hides a token a redirect names in Location', () => {
    const logged = redactResponse({ statusCode: 303, headers: { location: `/q/${TOKEN}` } });
    expect(logged.headers).toEqual({ location: '/q/[token]' });
  });
});
