package org.cvote.testkit.server;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/** The extension behind {@link LocalServer}; see there. */
public final class LocalServerExtension
    implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LocalServerExtension.class);

  /** The application of one test class and its running server. */
  private record Running(ServedApp app, Serving serving) {}

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    ServedApp app = servedApp(context.getRequiredTestClass());
    Serving serving;
    try {
      serving = app.serve();
    } catch (Exception | Error e) {
      app.close();
      throw e;
    }
    context.getStore(NAMESPACE).put(context.getRequiredTestClass(), new Running(app, serving));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    Running running =
        context.getStore(NAMESPACE).remove(context.getRequiredTestClass(), Running.class);
    if (running == null) {
      return;
    }
    try {
      running.serving().close();
    } finally {
      running.app().close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == URI.class;
  }

  @Override
  public URI resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Running running =
        context.getStore(NAMESPACE).get(context.getRequiredTestClass(), Running.class);
    if (running == null) {
      throw new ParameterResolutionException(
          "no server is running for " + context.getRequiredTestClass().getName());
    }
    return running.serving().uri();
  }

  /**
   * The value of the one static {@link ServedApp} field of {@code testClass} (or of a superclass).
   */
  static ServedApp servedApp(Class<?> testClass) {
    List<Field> found = new ArrayList<>();
    for (Class<?> c = testClass; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers()) && ServedApp.class.isAssignableFrom(f.getType())) {
          found.add(f);
        }
      }
    }
    if (found.size() != 1) {
      throw new ExtensionConfigurationException(
          "@LocalServer needs exactly one static field of a ServedApp type in "
              + testClass.getName()
              + ", found "
              + found.stream().map(Field::getName).toList());
    }
    Field field = found.get(0);
    try {
      field.setAccessible(true);
      Object app = field.get(null);
      if (app == null) {
        throw new ExtensionConfigurationException(
            "@LocalServer: " + testClass.getName() + "." + field.getName() + " is null");
      }
      return (ServedApp) app;
    } catch (IllegalAccessException e) {
      throw new ExtensionConfigurationException(
          "@LocalServer cannot read " + testClass.getName() + "." + field.getName(), e);
    }
  }
}
