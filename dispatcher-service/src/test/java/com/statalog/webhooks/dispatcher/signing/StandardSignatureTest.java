package com.statalog.webhooks.dispatcher.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class StandardSignatureTest {

    @Test
    void signsLikeTheReferenceLibrary() {
        // the vector of the Standard Webhooks reference libraries' tests; npm standardwebhooks 1.1.1 signs it the same
        SigningKeys keys = SigningKeys.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw".getBytes(StandardCharsets.UTF_8));
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", StandardSignature.of(List.of(keys.standard()),
                "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void listsOneSignaturePerKeyInOrder() {
        SigningKeys current = SigningKeys.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw".getBytes(StandardCharsets.UTF_8));
        SigningKeys previous = SigningKeys.of("whsec_bmV3LXNlY3JldC1uZXctc2VjcmV0LW5ldy1zZWNyZXQtbmU=".getBytes(StandardCharsets.UTF_8));
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String both = StandardSignature.of(List.of(current.standard(), previous.standard()), "id", 1, body);
        assertEquals(StandardSignature.of(List.of(current.standard()), "id", 1, body) + " "
                + StandardSignature.of(List.of(previous.standard()), "id", 1, body), both);
    }

    @Test
    void aSecretNotInTheWhsecFormSignsWithTheSpecsSchemeOnly() {
        assertNotNull(SigningKeys.of("whsec_AAAA".getBytes(StandardCharsets.UTF_8)).standard());
        assertNull(SigningKeys.of("legacy-secret".getBytes(StandardCharsets.UTF_8)).standard());
        assertNull(SigningKeys.of("whsec_not base64!".getBytes(StandardCharsets.UTF_8)).standard());
    }
}
