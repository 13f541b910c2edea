// Runs the vendor's credentials library (@alicloud/credentials) as an independent peer, in a child
// process of the test: it trusts the HTTPS mock server only through NODE_EXTRA_CA_CERTS, which Node
// reads at start. Reads jobs as JSON from argv[2] ({ name, provider, options, env }), runs each with
// process.env and HOME set to the job's, and prints one JSON line: { [name]: credentials | { error } }.
// The test preloads loopback-only.cjs, so nothing here can reach another host.
'use strict';
const credentials = require('@alicloud/credentials');

const jobs = JSON.parse(process.argv[2]);
const base = { ...process.env };

function providerOf(job) {
  const o = job.options ?? {};
  switch (job.provider) {
    case 'oidc':
      return credentials.OIDCRoleArnCredentialsProvider.builder()
        .withRoleArn(o.roleArn)
        .withOIDCProviderArn(o.oidcProviderArn)
        .withOIDCTokenFilePath(o.oidcTokenFile)
        .withStsEndpoint(o.stsEndpoint)
        .build();
    case 'ramRoleArn':
      return credentials.RAMRoleARNCredentialsProvider.builder()
        .withCredentialsProvider(credentials.StaticAKCredentialsProvider.builder().withAccessKeyId(o.accessKeyId).withAccessKeySecret(o.accessKeySecret).build())
        .withRoleArn(o.roleArn)
        .withPolicy(o.policy)
        .withStsEndpoint(o.stsEndpoint)
        .build();
    case 'uri':
      return credentials.URICredentialsProvider.builder().withCredentialsURI(o.uri).build();
    case 'cli':
      return credentials.CLIProfileCredentialsProvider.builder().build();
    case 'default':
      return credentials.DefaultCredentialsProvider.builder().build();
    default:
      throw new Error(`unknown provider ${job.provider}`);
  }
}

async function main() {
  const results = {};
  for (const job of jobs) {
    // The library reads process.env and the home directory when its providers are built and asked.
    for (const name of Object.keys(process.env)) delete process.env[name];
    Object.assign(process.env, base, job.env ?? {});
    try {
      const c = await providerOf(job).getCredentials();
      results[job.name] = { accessKeyId: c.accessKeyId, accessKeySecret: c.accessKeySecret, securityToken: c.securityToken, providerName: c.providerName };
    } catch (error) {
      results[job.name] = { error: String(error && error.message) };
    }
  }
  process.stdout.write(`${JSON.stringify(results)}\n`);
}

main().catch((error) => {
  process.stderr.write(`vendor-peer: ${error && error.message}\n`);
  process.exit(1);
});
