// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IModelRevenue} from "../interfaces/IModelRevenue.sol";
import {Reentrant} from "./Reentrant.sol";

/// @notice Test double: a holder of model tokens that, whenever it receives ETH (its revenue or a redemption), tries
/// to call the token again (claim, claimAll, claimFor, redeem, depositETH or a transfer of all its tokens to
/// `accomplice`, as chosen), records how the attempt ended, and then accepts the ETH.
contract ReentrantRevenueHolder is Reentrant {
    enum Attack {
        None,
        Claim,
        ClaimAll,
        ClaimFor,
        Redeem,
        Deposit,
        Transfer
    }

    address private constant NATIVE_ASSET = 0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE;

    IModelRevenue public immutable token;
    Attack public attack;
    address public accomplice;

    constructor(IModelRevenue token_) {
        token = token_;
    }

    function setAttack(Attack attack_, address accomplice_) external {
        attack = attack_;
        accomplice = accomplice_;
    }

    function claim(address asset) external returns (uint256) {
        return token.claim(asset, address(this));
    }

    function claimAll() external returns (uint256[] memory) {
        return token.claimAll(address(this));
    }

    function redeem(uint256 amount) external returns (uint256[] memory) {
        return token.redeem(amount, address(this));
    }

    function _reentry(uint256 arrived) internal view override returns (address, bytes memory call, uint256 value) {
        Attack a = attack;
        if (a == Attack.None) return (address(0), "", 0);
        if (a == Attack.Claim) call = abi.encodeCall(IModelRevenue.claim, (NATIVE_ASSET, address(this)));
        else if (a == Attack.ClaimAll) call = abi.encodeCall(IModelRevenue.claimAll, (address(this)));
        else if (a == Attack.ClaimFor) call = abi.encodeCall(IModelRevenue.claimFor, (address(this), NATIVE_ASSET));
        else if (a == Attack.Redeem) call = abi.encodeCall(IModelRevenue.redeem, (1, address(this)));
        else if (a == Attack.Deposit) call = abi.encodeCall(IModelRevenue.depositETH, ());
        else call = abi.encodeCall(IERC20.transfer, (accomplice, IERC20(address(token)).balanceOf(address(this))));
        return (address(token), call, a == Attack.Deposit ? arrived : 0);
    }
}
