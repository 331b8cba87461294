import { Injectable } from '@nestjs/common';
import { McpRoles, McpScopes, McpTool, McpUser, type McpPrincipal } from 'nestjs-fastmcp';
import { z } from 'zod';

@Injectable()
export class PayrollTools {
  @McpTool({ name: 'whoami', description: 'The caller as the server sees them' })
  whoami(_args: unknown, _ctx: unknown, @McpUser() user: McpPrincipal) {
    return { sub: user.sub, roles: user.roles, scopes: user.scopes };
  }

  @McpTool({ name: 'my_payslip', description: "The caller's latest payslip" })
  payslip(_args: unknown, _ctx: unknown, @McpUser('sub') sub: string) {
    return `Payslip of ${sub}: 4200.00 EUR net`;
  }

  // Hidden from everyone but HR admins whose token carries payroll:write.
  @McpRoles('hr-admin')
  @McpScopes('payroll:write')
  @McpTool({
    name: 'run_payroll',
    description: 'Pay every employee for a month',
    input: z.object({ month: z.string().regex(/^\d{4}-\d{2}$/) }),
    annotations: { destructiveHint: true },
  })
  run({ month }: { month: string }) {
    return `Payroll for ${month} queued`;
  }
}
