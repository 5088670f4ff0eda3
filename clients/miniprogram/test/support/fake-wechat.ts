import http from 'node:http';

export const APP_ID = 'wx-sdk-test';
export const APP_SECRET = 'sdk-test-secret';

/** WeChat's jscode2session on 127.0.0.1: code "good-NAME" logs in openid "open-NAME"; anything else is refused. */
export async function startFakeWechat(): Promise<{ url: string; calls: string[]; close(): Promise<void> }> {
  const calls: string[] = [];
  const server = http.createServer((req, res) => {
    const query = new URL(req.url ?? '/', 'http://x').searchParams;
    const code = query.get('js_code') ?? '';
    calls.push(code);
    const ok = query.get('appid') === APP_ID && query.get('secret') === APP_SECRET && code.startsWith('good-');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify(ok ? { openid: `open-${code.slice(5)}`, session_key: 'x' } : { errcode: 40029, errmsg: 'invalid code' }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
