import { expect } from "chai";

import { LiquidityLock__factory } from "../../sdk/src/index.js";
import { PoolSeedingHarness__factory } from "../../types/typechain/index.js";
import { expectEveryErrorNamed } from "./fixture.js";

describe("SDK market errors", function () {
  it("names every error of the liquidity lock and of pool seeding, each in a sentence", function () {
    expect(expectEveryErrorNamed("LiquidityLock", LiquidityLock__factory.createInterface())).to.include.members([
      "LockTimeOutOfRange",
      "LockEmpty",
      "LockInvalidBeneficiary",
      "LockUnknown",
      "LockNotYetOpen",
      "LockAlreadyReleased",
    ]);
    expect(expectEveryErrorNamed("PoolSeeding", PoolSeedingHarness__factory.createInterface())).to.include.members([
      "PoolSeedingAlreadyOpen",
      "PoolSeedingEmpty",
    ]);
  });
});
