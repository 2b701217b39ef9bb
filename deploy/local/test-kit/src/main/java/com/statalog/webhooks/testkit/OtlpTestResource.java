package com.statalog.webhooks.testkit;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Makes the service under test export every trace to this test JVM's {@link OtlpReceiver#shared()}. */
public class OtlpTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return OtlpReceiver.shared().exportSettings();
    }

    @Override
    public void stop() {
        // the receiver lives as long as the JVM: the dispatcher process a test starts may still be exporting to it
    }
}
