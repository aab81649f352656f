// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IModelRevenue} from "../interfaces/IModelRevenue.sol";

/// @notice Test double: collects ETH fees (of an inference service, say) and deposits them in a model token as
/// revenue whenever anyone calls {flush}: a permissionless hook that releases revenue when its caller chooses.
contract RevenueRouter {
    IModelRevenue public immutable token;

    constructor(IModelRevenue token_) {
        token = token_;
    }

    /// @notice Deposits everything collected so far.
    function flush() external {
        token.depositETH{value: address(this).balance}();
    }

    receive() external payable {}
}
