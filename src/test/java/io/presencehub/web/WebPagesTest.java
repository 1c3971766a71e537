package io.presencehub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The pages and their assets over plain HTTP: behind the access filter, with the right types, nothing else served. */
class WebPagesTest {

    @RegisterExtension
    static final WebHub running = new WebHub(h -> h.with("hub.web.admin-password", "admin-pw"));

    @Test
    void withoutASessionThePagesAndAssetsRedirectToTheLoginForm() {
        for (String path : new String[] {"/", "/admin", "/assets/board.js"}) {
            HttpResponse<String> answer = running.web().get(path);
            assertThat(answer.statusCode()).as(path).isEqualTo(303);
            assertThat(answer.headers().firstValue("Location")).as(path).contains("/login");
        }
    }

    @Test
    void thePagesLoadTheirScriptsAsModulesWithoutInlineScript() {
        WebClient admin = running.web().basic("admin", "admin-pw");
        for (String path : new String[] {"/", "/admin"}) {
            HttpResponse<String> page = admin.get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).contains(WebAnswer.HTML);
            WebLoginTest.assertSecurityHeaders(page);
            assertThat(page.body()).containsPattern("<script type=\"module\" src=\"/assets/[a-z]+\\.js\"></script>")
                    .doesNotContainPattern("<script>|<script type=\"module\">| on[a-z]+=");
        }
        HttpResponse<String> script = admin.get("/assets/board.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).contains("text/javascript; charset=utf-8");
        assertThat(admin.get("/assets/hub.css").headers().firstValue("Content-Type")).contains("text/css; charset=utf-8");
    }

    @Test
    void onlyScriptsAndStylesOfTheAssetsFolderAreServed() {
        WebClient admin = running.web().basic("admin", "admin-pw");
        for (String path : new String[] {"/assets/missing.js", "/assets/..%2Fopenapi.json", "/assets/board.html",
                "/assets/%2E%2E%2Fboard.html"}) {
            assertThat(admin.get(path).statusCode()).as(path).isEqualTo(404);
        }
    }
}
