package io.presencehub.camel;

import static org.assertj.core.api.Assertions.assertThat;

import io.presencehub.testing.FreePort;
import io.presencehub.testing.LineClient;
import io.presencehub.testing.TestDirectories;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's routes and beans dropped into another application's CamelContext (not the hub's
 * camel-main), next to that application's own routes, as docs/drop-in.md shows.
 */
class DropInCamelContextTest {

    @TempDir
    Path folder;

    @Test
    void aPlainCamelContextServesTheStatusInterfaceWithTheHubsRoutesAndBeans() throws Exception {
        Path directory = folder.resolve("directory.yaml");
        Files.writeString(directory, TestDirectories.SMALL, StandardCharsets.UTF_8);
        int port = FreePort.find();

        try (CamelContext host = new DefaultCamelContext()) {
            host.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:host-own-route").routeId("host-own-route").setBody(constant("host"));
                }
            });
            Properties hostProperties = new Properties();
            hostProperties.setProperty("hub.status.port", Integer.toString(port));
            hostProperties.setProperty("hub.directory.file", directory.toString());
            hostProperties.setProperty("hub.store.url", "jdbc:h2:file:" + folder.resolve("hub"));
            // a host CamelContext without a platform-http server: the web console stays off (docs/drop-in.md)
            hostProperties.setProperty("hub.web.enabled", "false");
            host.getPropertiesComponent().setInitialProperties(hostProperties);

            new HubConfiguration().configure(host);
            HubRoutes.addTo(host, folder.resolve("no-external-routes"));
            host.start();

            assertThat(host.getRoute("status-interface-server")).isNotNull();
            assertThat(host.createProducerTemplate().requestBody("direct:host-own-route", "", String.class)).isEqualTo("host");
            try (LineClient client = new LineClient(port)) {
                assertThat(client.ask("get_extension_status@#HQ@#Sales@#1001")).isEqualTo("ExtensionStatus@#Available");
                assertThat(client.set("set_extension_status@#HQ@#Sales@#1003@#Lunch"))
                        .containsExactly("ExtensionStatusUpdatedEvent@#HQ@#Sales@#1003@#Lunch");
            }
        }
    }
}
