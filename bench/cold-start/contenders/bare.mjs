// A bare node:http GET of a URL signed beforehand (by run.ts, once, with signature v1, so the request
// line is as long as a real one): the body read and JSON.parse'd. What any client must spend at least.
import { request } from 'node:http';
import { answer, target } from './target.mjs';

request(target.signedUrl, (res) => {
  let text = '';
  res.setEncoding('utf8');
  res.on('data', (chunk) => (text += chunk));
  res.on('end', () => {
    if (res.statusCode !== 200) throw new Error(`bare: HTTP ${res.statusCode}`);
    answer(JSON.parse(text).InstanceId);
  });
}).end();
