// Thin: the logic is in lib/realtime/http.ts (see app/api/README.md).
import { closeKernel, getServices, handle, kernelInfo } from '../../../../lib/realtime';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ id: string }> };

export async function GET(_req: Request, ctx: Ctx): Promise<Response> {
  return handle(async () => kernelInfo(await getServices(), (await ctx.params).id));
}

export async function DELETE(_req: Request, ctx: Ctx): Promise<Response> {
  return handle(async () => closeKernel(await getServices(), (await ctx.params).id));
}
