// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice State the Yuma epoch keeps between the steps of a running epoch (see {YumaEpoch}).
struct EpochScratch {
    /// 0 when no epoch runs.
    uint8 phase;
}
