// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IModelOffering} from "../interfaces/IModelOffering.sol";

/// @notice Test double: deposits ETH in a sale and, whenever it receives ETH, tries to re-enter the sale
/// (settle, claim, depositETH, as chosen), records how the attempt ended, and then accepts the ETH.
contract ReentrantDepositor {
    enum Attack {
        None,
        Settle,
        Claim,
        Deposit
    }

    IModelOffering public immutable offering;
    Attack public attack;
    /// @notice How many times ETH arrived, how many re-entries were tried and how many of them succeeded.
    uint256 public received;
    uint256 public attempts;
    uint256 public successes;
    /// @notice The revert data of the last failed re-entry.
    bytes public lastError;

    constructor(IModelOffering offering_) {
        offering = offering_;
    }

    function setAttack(Attack attack_) external {
        attack = attack_;
    }

    function deposit() external payable {
        offering.depositETH{value: msg.value}(new bytes32[](0));
    }

    function claim(address to) external {
        offering.claim(to);
    }

    receive() external payable {
        ++received;
        Attack a = attack;
        if (a == Attack.None) return;
        ++attempts;
        bytes memory call;
        if (a == Attack.Settle) call = abi.encodeCall(IModelOffering.settle, (address(this)));
        else if (a == Attack.Claim) call = abi.encodeCall(IModelOffering.claim, (address(this)));
        else call = abi.encodeCall(IModelOffering.depositETH, (new bytes32[](0)));
        (bool ok, bytes memory err) =
            address(offering).call{value: a == Attack.Deposit ? msg.value : 0}(call);
        if (ok) ++successes;
        else lastError = err;
    }
}
