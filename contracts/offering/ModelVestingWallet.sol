// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {VestingWalletCliffUpgradeable} from
    "@openzeppelin/contracts-upgradeable/finance/VestingWalletCliffUpgradeable.sol";

/// @title ModelVestingWallet
/// @notice A team member's allocation: OpenZeppelin's VestingWalletCliff (linear release after a cliff),
/// deployed as an ERC-1167 clone per beneficiary. The beneficiary may delegate the votes of the tokens still
/// locked here, so a team votes with its stake without being able to sell it early.
contract ModelVestingWallet is VestingWalletCliffUpgradeable {
    /// @dev The implementation is never used directly: clones are.
    constructor() {
        _disableInitializers();
    }

    /// @notice Initialises the schedule; callable once.
    /// @param beneficiary Who receives the released tokens (the wallet's owner; transferable).
    /// @param start When vesting starts (unix seconds).
    /// @param duration Seconds from start until everything is released.
    /// @param cliff Seconds from start before anything is released; at most `duration`.
    function initialize(address beneficiary, uint64 start, uint64 duration, uint64 cliff) external initializer {
        __VestingWallet_init(beneficiary, start, duration);
        __VestingWalletCliff_init(cliff);
    }

    /// @notice Delegates the votes of `token` held here to `delegatee`. Beneficiary only.
    function delegate(IVotes token, address delegatee) external onlyOwner {
        token.delegate(delegatee);
    }
}
