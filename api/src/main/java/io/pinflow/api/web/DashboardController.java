package io.pinflow.api.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The operations dashboard: a static page under {@code static/dashboard/} that charts the report
 * endpoints in the browser. {@code /dashboard} sends the browser to the folder so that the page's
 * relative links to its script and style resolve.
 */
@Controller
public class DashboardController {

  @GetMapping("/dashboard")
  public String dashboard() {
    return "redirect:/dashboard/";
  }

  @GetMapping("/dashboard/")
  public String page() {
    return "forward:/dashboard/index.html";
  }
}
