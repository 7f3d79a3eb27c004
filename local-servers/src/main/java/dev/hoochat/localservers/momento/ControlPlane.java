package dev.hoochat.localservers.momento;

import grpc.control_client.ScsControlGrpc;
import grpc.control_client._CreateCacheRequest;
import grpc.control_client._CreateCacheResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

/**
 * The Momento control plane ({@code control_client.ScsControl}): only CreateCache. Every other call
 * answers UNIMPLEMENTED, which the base class does for us.
 */
final class ControlPlane extends ScsControlGrpc.ScsControlImplBase {
  private final MomentoCaches caches;

  ControlPlane(MomentoCaches caches) {
    this.caches = caches;
  }

  @Override
  public void createCache(_CreateCacheRequest request, StreamObserver<_CreateCacheResponse> out) {
    String name = request.getCacheName();
    if (name.isBlank()) {
      out.onError(Status.INVALID_ARGUMENT.withDescription("cache name is blank").asException());
      return;
    }
    if (!caches.createCache(name)) {
      // The SDK reads ALREADY_EXISTS as CacheAlreadyExistsException, as with the real service.
      out.onError(
          Status.ALREADY_EXISTS
              .withDescription("Cache with name " + name + " already exists")
              .asException());
      return;
    }
    out.onNext(_CreateCacheResponse.getDefaultInstance());
    out.onCompleted();
  }
}
