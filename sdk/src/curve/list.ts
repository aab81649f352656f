import { readLaunches } from "../launches.js";
import { readCurveSummary } from "./reads.js";
import type { CurveContext, CurveSummary } from "./types.js";

// Every curve launch at a glance.

/**
 * Every model launched on a bonding curve, in launch order: its status, its reserve against the target and the
 * price now. All reads go out together (one JSON-RPC batch per round over HTTP).
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * for (const c of await client.curve.list()) console.log(c.slug, c.status, `${c.progressBps / 100}%`);
 */
export async function listCurves(context: CurveContext): Promise<CurveSummary[]> {
  const launches = (await readLaunches(context)).filter((launch) => launch.kind === "curve");
  return Promise.all(launches.map((launch) => readCurveSummary(context, launch)));
}
