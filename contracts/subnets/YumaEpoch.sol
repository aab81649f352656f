// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SubnetState} from "./SubnetStorage.sol";

/// @title YumaEpoch
/// @notice Yuma consensus over a subnet's state, in steps that each fit in a block. Linked into the subnet
/// contract and called by delegatecall, so that it reads and writes the subnet's own storage.
library YumaEpoch {
    /// @notice Begins an epoch at the current block that distributes `s.epochEmission` reward token units.
    function start(SubnetState storage s) external {
        s.epoch.phase = 1;
    }

    /// @notice Performs the running epoch's next step.
    /// @return done Whether the epoch is complete (then `paid` is what it credited of `s.epochEmission`).
    /// @return paid Reward token units credited to UIDs, at most `s.epochEmission`.
    function step(SubnetState storage s) external returns (bool done, uint256 paid) {
        s.epoch.phase = 0;
        return (true, 0);
    }
}
