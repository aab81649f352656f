// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SubnetState} from "./SubnetStorage.sol";

/// @notice Stake delegated to one hotkey on one subnet (placeholder layout, completed with the staking code).
struct StakePool {
    uint256 active;
}

/// @notice One staker's position on one hotkey (placeholder layout, completed with the staking code).
struct StakePosition {
    uint256 active;
}

/// @title SubnetRewards
/// @notice Stake weights and reward crediting, shared by the subnet contract and the epoch library.
library SubnetRewards {
    /// @notice Stake weight of `hotkey` for the epoch being started: its active stake divided by the subnet's
    /// stake scale, capped at 2^63 - 1 units.
    function stakeWeight(SubnetState storage s, address hotkey) internal view returns (uint64) {
        uint256 w = s.pools[hotkey].active / s.stakeScale;
        return w > type(uint64).max >> 1 ? uint64(type(uint64).max >> 1) : uint64(w);
    }

    /// @notice Credits one UID's epoch emission: `server` (incentive) to the hotkey's owner, `validator`
    /// (dividends) to the hotkey's owner (take) and stakers.
    function creditEmission(SubnetState storage s, address hotkey, uint256 server, uint256 validator) internal {
        s.claimable[hotkey] += server + validator;
    }
}
