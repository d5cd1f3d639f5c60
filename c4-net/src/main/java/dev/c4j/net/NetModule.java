package dev.c4j.net;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import dev.c4j.api.Platform;

/** Binds {@link Platform} to one {@link NettyPlatform} per injector. */
public final class NetModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(Platform.class).to(NettyPlatform.class).in(Scopes.SINGLETON);
    }
}
