import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.FixedLengthFrameDecoder;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.LongAdder;

/**
 * An echo server and eight clients over loopback TCP for N seconds, each client sending its next
 * 64-byte message when the echo of the last one is back. Prints ops/s=N (round trips) last.
 */
public class NettyDriver {
    private static final int SIZE = 64;

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[0]);
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        EventLoopGroup clients = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        LongAdder trips = new LongAdder();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        try {
            Channel server = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new FixedLengthFrameDecoder(SIZE), new SimpleChannelInboundHandler<ByteBuf>() {
                                @Override
                                protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
                                    ctx.writeAndFlush(msg.retain());
                                }
                            });
                        }
                    }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            Bootstrap client = new Bootstrap().group(clients).channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new FixedLengthFrameDecoder(SIZE), new SimpleChannelInboundHandler<ByteBuf>() {
                                @Override
                                public void channelActive(ChannelHandlerContext ctx) {
                                    send(ctx);
                                }

                                @Override
                                protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
                                    trips.increment();
                                    if (System.nanoTime() < end) {
                                        send(ctx);
                                    } else {
                                        ctx.close();
                                    }
                                }
                            });
                        }
                    });
            Channel[] channels = new Channel[8];
            for (int i = 0; i < channels.length; i++) {
                channels[i] = client.connect(server.localAddress()).sync().channel();
            }
            for (Channel c : channels) {
                c.closeFuture().sync();
            }
            server.close().sync();
        } finally {
            clients.shutdownGracefully().sync();
            workers.shutdownGracefully().sync();
            boss.shutdownGracefully().sync();
        }
        System.out.println("ops/s=" + trips.sum() / seconds);
    }

    private static void send(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(Unpooled.buffer(SIZE).writeZero(SIZE));
    }
}
