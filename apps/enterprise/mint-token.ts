// Mints a demo access token, as the authorization server would:
//   node dist/apps/enterprise/mint-token.js [sub] [roles,comma,separated] ["space separated scopes"]
import { SignJWT } from 'jose';
import { issuer, resource, secret } from './config.js';

const [sub = 'alice', roles = '', scope = 'payroll:read'] = process.argv.slice(2);
const token = await new SignJWT({ roles: roles.split(',').filter(Boolean), scope })
  .setProtectedHeader({ alg: 'HS256' })
  .setSubject(sub)
  .setIssuer(issuer)
  .setAudience(resource)
  .setIssuedAt()
  .setExpirationTime('1h')
  .sign(new TextEncoder().encode(secret));
console.log(token);
