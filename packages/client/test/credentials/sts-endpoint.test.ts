// Where the role providers reach STS: the vendor's rules (an endpoint, else a region, public or VPC,
// else the central endpoint), from options before the environment. No request is sent here.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/runtime/index.js';
import { stsOrigin } from '../../src/credentials/index.js';

describe('stsOrigin', () => {
  it.each([
    [{}, {}, 'https://sts.aliyuncs.com'],
    [{}, { ALIBABA_CLOUD_STS_REGION: 'cn-shanghai' }, 'https://sts.cn-shanghai.aliyuncs.com'],
    [{}, { ALIBABA_CLOUD_STS_REGION: 'cn-shanghai', ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED: 'true' }, 'https://sts-vpc.cn-shanghai.aliyuncs.com'],
    [{}, { ALIBABA_CLOUD_STS_REGION: 'cn-shanghai', ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED: 'TRUE' }, 'https://sts-vpc.cn-shanghai.aliyuncs.com'],
    [{}, { ALIBABA_CLOUD_STS_REGION: 'cn-shanghai', ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED: 'yes' }, 'https://sts.cn-shanghai.aliyuncs.com'],
    // VPC without a region: the vendor's tools fall back to the central endpoint too.
    [{}, { ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED: 'true' }, 'https://sts.aliyuncs.com'],
    [{}, { ALIBABA_CLOUD_STS_ENDPOINT: 'sts.ap-southeast-1.aliyuncs.com', ALIBABA_CLOUD_STS_REGION: 'cn-shanghai' }, 'https://sts.ap-southeast-1.aliyuncs.com'],
    [{}, { ALIBABA_CLOUD_STS_ENDPOINT: '127.0.0.1:8443' }, 'https://127.0.0.1:8443'],
    [{}, { ALIBABA_CLOUD_STS_ENDPOINT: 'http://127.0.0.1:8080' }, 'http://127.0.0.1:8080'],
    [{ stsEndpoint: 'https://[::1]:9443/' }, { ALIBABA_CLOUD_STS_ENDPOINT: 'sts.aliyuncs.com' }, 'https://[::1]:9443'],
    [{ stsRegionId: 'eu-central-1', enableVpc: true }, { ALIBABA_CLOUD_STS_REGION: 'cn-shanghai' }, 'https://sts-vpc.eu-central-1.aliyuncs.com'],
    [{ stsRegionId: 'eu-central-1', enableVpc: false }, { ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED: 'true' }, 'https://sts.eu-central-1.aliyuncs.com'],
  ])('%j with %j -> %s', (options, env, origin) => {
    expect(stsOrigin(options, env, 'test')).toBe(origin);
  });

  it.each([
    [{}, { ALIBABA_CLOUD_STS_REGION: 'CN_Shanghai' }, 'test: ALIBABA_CLOUD_STS_REGION must be a region id of lower-case letters, digits and dashes (e.g. cn-hangzhou)'],
    [{ stsRegionId: 'x.y' }, {}, 'test: stsRegionId must be a region id of lower-case letters, digits and dashes (e.g. cn-hangzhou)'],
    [{}, { ALIBABA_CLOUD_STS_ENDPOINT: 'ftp://sts.aliyuncs.com' }, 'test: ALIBABA_CLOUD_STS_ENDPOINT must use http or https'],
    [{ stsEndpoint: 'https://sts.aliyuncs.com/path' }, {}, 'test: stsEndpoint must be scheme://host[:port] only (no user info, path, query or fragment)'],
    [{ stsEndpoint: '' }, {}, 'test: stsEndpoint must be a non-empty string'],
    [{ stsRegionId: 'cn-shanghai', enableVpc: 'true' }, {}, 'test: enableVpc must be a boolean'],
  ])('%j with %j: ConfigError', (options, env, message) => {
    expect(() => stsOrigin(options as never, env, 'test')).toThrow(new ConfigError(message));
  });
});
