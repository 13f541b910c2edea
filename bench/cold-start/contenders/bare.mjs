// A bare node:http GET, signed with signature v1 by node:crypto (as any client must sign), the body
// read and JSON.parse'd: what any client must spend at least.
import { request } from 'node:http';
import { signedUrlOnce } from '../../shared/signed-url.mjs';
import { answer, target } from './target.mjs';

request(signedUrlOnce(target), (res) => {
  let text = '';
  res.setEncoding('utf8');
  res.on('data', (chunk) => (text += chunk));
  res.on('end', () => {
    if (res.statusCode !== 200) throw new Error(`bare: HTTP ${res.statusCode}`);
    answer(JSON.parse(text).InstanceId);
  });
}).end();
