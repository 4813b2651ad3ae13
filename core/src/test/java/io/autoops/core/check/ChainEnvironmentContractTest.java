package io.autoops.core.check;

import io.autoops.core.mdp.Environment;
import io.autoops.core.toy.ChainEnvironment;

class ChainEnvironmentContractTest extends EnvironmentContractTest {
    @Override
    protected Environment<?> newEnvironment() {
        return new ChainEnvironment(6, 30, 0.01, true);
    }
}
