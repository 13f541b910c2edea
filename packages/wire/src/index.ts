// @acr-ee/wire: the request wire of Alibaba Cloud RPC APIs, once, for the client, the mock server
// and the docs emitter.
export { canonicalQuery, compareEncoded, encodeAgain, percentEncode, type ParamSource } from './percent-encoding.js';
export {
  computeSignature,
  encodedTimestamp,
  formatTimestamp,
  signatureOf,
  stringToSign,
  v1Key,
  V1_HMAC,
  V1_KEY_SUFFIX,
  V1_SIGNATURE_METHOD,
} from './signature-v1.js';
export {
  acs3Authorization,
  acs3CanonicalRequest,
  acs3Signature,
  acs3StringToSign,
  ACS3_ALGORITHM,
  ACS3_HEADERS,
  EMPTY_PAYLOAD_SHA256,
  isAcs3SignedHeader,
  sha256Hex,
  type Acs3CanonicalInput,
} from './acs3.js';
export { preparedHmac, type HmacAlgorithm } from './hmac.js';
export {
  checkedParam,
  codePointLength,
  compilePattern,
  constraintProblem,
  describeKind,
  isWellFormed,
  parseWireValue,
  Problem,
  valueProblem,
  type CheckedParam,
  type ParamDescriptor,
  type ParamKind,
  type ParamValue,
} from './params.js';
