// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IModelOffering} from "../interfaces/IModelOffering.sol";
import {Reentrant} from "./Reentrant.sol";
import {SaleDepositor} from "./SaleDepositor.sol";

/// @notice Test double: deposits ETH in a sale and, whenever it receives ETH, tries to re-enter the sale
/// (settle, claim, depositETH, as chosen), records how the attempt ended, and then accepts the ETH.
contract ReentrantDepositor is SaleDepositor, Reentrant {
    enum Attack {
        None,
        Settle,
        Claim,
        Deposit
    }

    Attack public attack;

    constructor(IModelOffering offering_) SaleDepositor(offering_) {}

    function setAttack(Attack attack_) external {
        attack = attack_;
    }

    function _reentry(uint256 arrived) internal view override returns (address, bytes memory call, uint256 value) {
        Attack a = attack;
        if (a == Attack.None) return (address(0), "", 0);
        if (a == Attack.Settle) call = abi.encodeCall(IModelOffering.settle, (address(this)));
        else if (a == Attack.Claim) call = abi.encodeCall(IModelOffering.claim, (address(this)));
        else call = abi.encodeCall(IModelOffering.depositETH, (new bytes32[](0)));
        return (address(offering), call, a == Attack.Deposit ? arrived : 0);
    }
}
