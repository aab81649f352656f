// Every gas figure of the bench, each module on a fresh chain so that no figure depends on another module's
// leftovers: what `npm run bench` records and what the gas test holds to the record.
import type { network as hardhatNetwork } from "hardhat";

import { measureEmission } from "./emission.js";
import { measureEpoch } from "./epoch.js";
import { measureGovernance } from "./governance.js";
import { measureMarket } from "./market.js";
import { measureOffering } from "./offering.js";
import { measurePromotion } from "./promotion.js";
import { measureRegistry, type GasEntry } from "./registry.js";
import { measureRevenue } from "./revenue.js";
import { measureSubnets } from "./subnets.js";

/**
 * Measures every module's operations, the subnet epochs up to 256 UIDs included, the emission's up to 1,000
 * voters and 100 subnets, and promotions after up to 100 others and on subnets of up to 256 UIDs.
 */
export async function measureAll(network: typeof hardhatNetwork): Promise<GasEntry[]> {
  const entries: GasEntry[] = [];
  for (const measure of [
    measureRegistry,
    measureOffering,
    measureMarket,
    measureRevenue,
    measureGovernance,
    measureSubnets,
    measureEpoch,
    measureEmission,
    measurePromotion,
  ]) {
    const connection = await network.create();
    entries.push(...(await measure(connection)));
    await connection.close();
  }
  return entries;
}
